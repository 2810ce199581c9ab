#!/usr/bin/env bash
# Opens the desktop program for real under Xvfb and reads its window's WM_CLASS, which must be the
# desktop entry's id (StartupWMClass), so an installed copy's window shows the menu's icon and
# name; a class the user set in SDL_VIDEO_X11_WMCLASS is kept.
# Usage: window_class.sh AUDITSIM_BINARY APP_ID WORK_DIR
set -euo pipefail
bin=$1 app_id=$2 work=$3
mkdir -p "$work"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"

# Prints the WM_CLASS of the program's main window, waiting up to 20 s for it to appear.
class_of_window() {
  xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    "$0" --frames 600 --db "$1/window-class.db" & pid=$!
    for _ in $(seq 1 100); do
      w=$(xwininfo -root -children 2>/dev/null | awk "/\"Desktop Audit Simulator\"/ { print \$1; exit }")
      if [[ -n $w ]]; then xprop -id "$w" WM_CLASS; break; fi
      sleep 0.2
    done
    kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' "$bin" "$work"
}

got=$(class_of_window)
echo "window: $got"
[[ $got == "WM_CLASS(STRING) = \"$app_id\", \"$app_id\"" ]] \
  || { echo "window_class: expected the class $app_id" >&2; exit 1; }
got=$(SDL_VIDEO_X11_WMCLASS=council-build class_of_window)
echo "window with SDL_VIDEO_X11_WMCLASS set: $got"
[[ $got == 'WM_CLASS(STRING) = "council-build", "council-build"' ]] \
  || { echo "window_class: the user's SDL_VIDEO_X11_WMCLASS was not kept" >&2; exit 1; }
echo "2 passed, 0 failed"
