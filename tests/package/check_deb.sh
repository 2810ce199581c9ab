#!/usr/bin/env bash
# Builds the Debian package from the existing build tree and checks it as council IT would meet
# it: the files it holds and their modes, the dependencies apt will pull, the desktop entry and
# AppStream metadata, then installs it into an empty root with dpkg, runs the installed program
# there (it must find the scenarios shipped beside it, not the source tree's), and removes it.
#
# Usage: check_deb.sh CPACK CPACK_CONFIG VERSION APP_ID SOURCE_SCENARIOS
set -uo pipefail

cpack=$1 config=$2 version=$3 app_id=$4 source_scenarios=$5
work=$(mktemp -d "${TMPDIR:-/tmp}/auditsim-deb-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
failures=0
checks=0
pass() { checks=$((checks + 1)); }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL: $*"; }
expect() { local what=$1; shift; if "$@"; then pass; else fail "$what"; fi; }

# --- build ------------------------------------------------------------------------------------
if ! "$cpack" -G DEB --config "$config" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log"
  echo "FAIL: cpack could not build the package"
  echo "0 passed, 1 failed"
  exit 1
fi
deb="$work/out/auditsim_${version}_amd64.deb"
if [[ ! -f $deb ]]; then
  ls "$work/out"
  echo "FAIL: no package named auditsim_${version}_amd64.deb was built"
  echo "0 passed, 1 failed"
  exit 1
fi
pass

# --- control fields ---------------------------------------------------------------------------
field() { dpkg-deb --field "$deb" "$1"; }
expect "Package is auditsim" [ "$(field Package)" = auditsim ]
expect "Version is the project version $version" [ "$(field Version)" = "$version" ]
expect "Architecture is amd64" [ "$(field Architecture)" = amd64 ]
expect "the package has a Maintainer" [ -n "$(field Maintainer)" ]
expect "the Description has a summary and a long part" [ "$(field Description | wc -l)" -gt 3 ]
depends=$(field Depends)
echo "Depends: $depends"
# One package name a line, without versions or alternatives' bars.
dep_names=$(tr ',|' '\n\n' <<<"$depends" | sed -E 's/\(.*\)//; s/^ +//; s/ +$//' | grep .)
# The libraries the executable links (found by dpkg-shlibdeps; GLib's GIO talks to the desktop's
# file dialog over D-Bus), libGL.so.1 that SDL opens at run time, and the fonts it draws with.
# Each is a pattern for a whole package name (cmark-gfm's carry their version).
for dep in libc6 'libstdc\+\+6' libsdl2-2.0-0 libgl1 libopengl0 libyaml-0-2 libsqlite3-0 libuuid1 \
           libcairo2 libpango-1.0-0 'libglib2\.0-0' 'libcmark-gfm[0-9a-z.]+' 'libcmark-gfm-extensions[0-9a-z.]+' libzip4 libxml2 fonts-dejavu-core; do
  expect "Depends names $dep" grep -Eqx "$dep" <<<"$dep_names"
done
expect "Depends carries versions from the shared libraries' symbols" grep -q "libc6 (>= " <<<"$depends"

# --- files and modes --------------------------------------------------------------------------
dpkg-deb --contents "$deb" >"$work/contents"
mode_of() { awk -v p="./$1" '$6 == p { print $1 }' "$work/contents"; }
expect_file() {
  local path=$1 mode=$2 got
  got=$(mode_of "$path")
  if [[ -z $got ]]; then fail "the package has no /$path"; return; fi
  expect "/$path has mode $mode (it has $got)" [ "$got" = "$mode" ]
}
expect_file usr/bin/auditsim -rwxr-xr-x
expect_file "usr/share/applications/$app_id.desktop" -rw-r--r--
expect_file "usr/share/metainfo/$app_id.metainfo.xml" -rw-r--r--
expect_file usr/share/icons/hicolor/scalable/apps/auditsim.svg -rw-r--r--
for size in 48 128 256; do
  expect_file "usr/share/icons/hicolor/${size}x${size}/apps/auditsim.png" -rw-r--r--
done
expect_file usr/share/man/man1/auditsim.1.gz -rw-r--r--
expect_file usr/share/doc/auditsim/deployment.md -rw-r--r--
expect_file usr/share/auditsim/scenarios/ drwxr-xr-x
expect_file usr/share/auditsim/scenarios/schema/auditsim-1.schema.json -rw-r--r--
# Every shipped scenario file, its evidence and its tests, and nothing else.
( cd "$source_scenarios" && find . -type f ! -name '.*' ! -name '*~' | sed 's|^\./||' | sort ) \
  >"$work/source-files"
awk '$6 ~ "^./usr/share/auditsim/scenarios/" && $1 !~ /^d/ { sub("^./usr/share/auditsim/scenarios/", "", $6); print $6 }' \
  "$work/contents" | sort >"$work/packaged-files"
expect "the package holds exactly the shipped scenario files ($(wc -l <"$work/source-files"))" \
  diff -u "$work/source-files" "$work/packaged-files"
expect "every entry is owned by root/root" \
  awk '$2 != "root/root" { print "not root/root: " $0; bad = 1 } END { exit bad }' "$work/contents"
expect "no entry can be written by group or others" \
  awk 'substr($1, 6, 1) == "w" || substr($1, 9, 1) == "w" { print "writable: " $0; bad = 1 } END { exit bad }' "$work/contents"
expect "every folder is drwxr-xr-x" \
  awk '$1 ~ /^d/ && $1 != "drwxr-xr-x" { print "folder: " $0; bad = 1 } END { exit bad }' "$work/contents"
expect "nothing is installed outside /usr" \
  awk '$6 != "./" && $6 !~ "^./usr/" { print "outside /usr: " $0; bad = 1 } END { exit bad }' "$work/contents"
expect "the executable is stripped" \
  bash -c "dpkg-deb --fsys-tarfile '$deb' | tar -xO ./usr/bin/auditsim >'$work/bin' && ! readelf -S '$work/bin' | grep -q '\.symtab'"

# --- what desktops and software centres read --------------------------------------------------
dpkg-deb -x "$deb" "$work/x"
expect "the desktop entry starts auditsim, shows its icon and knows its window" \
  bash -c "grep -qx 'Exec=auditsim' '$work/x/usr/share/applications/$app_id.desktop' &&
           grep -qx 'Icon=auditsim' '$work/x/usr/share/applications/$app_id.desktop' &&
           grep -qx 'StartupWMClass=$app_id' '$work/x/usr/share/applications/$app_id.desktop'"
if command -v desktop-file-validate >/dev/null; then
  expect "desktop-file-validate accepts the desktop entry" \
    desktop-file-validate "$work/x/usr/share/applications/$app_id.desktop"
else
  echo "note: desktop-file-validate is not installed (desktop-file-utils); entry not validated"
fi
if command -v appstreamcli >/dev/null; then
  expect "appstreamcli validate accepts the metainfo" \
    bash -c "appstreamcli validate --no-net '$work/x/usr/share/metainfo/$app_id.metainfo.xml' >'$work/appstream.log' 2>&1 || { cat '$work/appstream.log'; false; }"
else
  echo "note: appstreamcli is not installed (appstream); metadata not validated"
fi
expect "the man page is gzip-compressed troff naming the installed scenarios folder" \
  bash -c "zcat '$work/x/usr/share/man/man1/auditsim.1.gz' | grep -q '^\.TH AUDITSIM 1' &&
           zcat '$work/x/usr/share/man/man1/auditsim.1.gz' | grep -q '/usr/share/auditsim/scenarios' &&
           ! zcat '$work/x/usr/share/man/man1/auditsim.1.gz' | grep -q '@[A-Z_]*@'"
if command -v groff >/dev/null; then
  expect "the man page formats without warnings" \
    bash -c "zcat '$work/x/usr/share/man/man1/auditsim.1.gz' | groff -man -Tutf8 -ww -z 2>&1 | (! grep .)"
fi

# --- install into an empty root, run, remove --------------------------------------------------
root="$work/root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status" "$root/var/lib/dpkg/available"
# The empty root has none of the libraries, so their absence there is forced past; the program
# then runs on this machine's libraries, which the Depends above made apt install.
if dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless --log=/dev/null \
     -i "$deb" >"$work/dpkg-install.log" 2>&1; then
  pass
else
  cat "$work/dpkg-install.log"
  fail "dpkg could not install the package into an empty root"
fi
installed="$root/usr/bin/auditsim"
run() { XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" HOME="$work/home" "$@"; }
if [[ -x $installed ]]; then
  version_out=$(run "$installed" --version 2>&1)
  echo "$version_out"
  expect "auditsim --version prints auditsim $version" grep -qx "auditsim $version" <<<"$version_out"
  expect "the installed program reads its scenarios from the installed folder" \
    grep -qx "shipped scenarios: $root/usr/share/auditsim/scenarios" <<<"$version_out"
  validate_out=$(run "$installed" validate "$root/usr/share/auditsim/scenarios" 2>&1)
  validate_rc=$?
  echo "$validate_out" | tail -n 1
  expect "auditsim validate passes on the installed scenarios (exit $validate_rc)" [ "$validate_rc" -eq 0 ]
  shipped=$(find "$source_scenarios" -name '*.yaml' ! -name '*.tests.yaml' ! -path '*/schema/*' \
            ! -path '*/evidence/*' | wc -l)
  expect "validate checked all $shipped shipped scenarios" \
    grep -Eq "^$shipped files? checked: 0 errors" <<<"$validate_out"
  expect "the installed man page is listed by dpkg" \
    bash -c "dpkg --root='$root' -L auditsim | grep -qx /usr/share/man/man1/auditsim.1.gz"
else
  fail "no executable at /usr/bin/auditsim after installing"
fi
if dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless --log=/dev/null \
     --purge auditsim >"$work/dpkg-remove.log" 2>&1; then
  left=$(find "$root" -mindepth 1 ! -path "$root/var*" ! -type d | head)
  expect "removing the package leaves none of its files ($left)" [ -z "$left" ]
else
  cat "$work/dpkg-remove.log"
  fail "dpkg could not remove the package from the empty root"
fi

passed=$((checks - failures))
echo "$passed passed, $failures failed"
[[ $failures -eq 0 ]]
