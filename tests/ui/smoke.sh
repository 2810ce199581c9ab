#!/usr/bin/env bash
# Opens the desktop program for real under Xvfb on the play screen of a scenario, writes a
# screenshot and checks it is a PNG that is not blank (its pixels are not all one colour).
# Usage: smoke.sh AUDITSIM_BINARY SCENARIO.yaml WORK_DIR
set -euo pipefail
bin=$1
scenario=$2
work=$3
mkdir -p "$work"
out="$work/smoke.png"
rm -f "$out" "$work/smoke.db" "$work/smoke.db-wal" "$work/smoke.db-shm"
# Settings and data stay inside the work folder, never in the user's home.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
xvfb-run -a -s "-screen 0 1280x800x24" \
  "$bin" --open "$scenario" --frames 30 --screenshot "$out" --db "$work/smoke.db"
[[ -s "$out" ]] || { echo "smoke: no screenshot written to $out" >&2; exit 1; }
head -c 8 "$out" | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a$' \
  || { echo "smoke: $out is not a PNG" >&2; exit 1; }
size=$(/usr/bin/identify -format '%w %h' "$out")
[[ "$size" == "1280 800" ]] || { echo "smoke: unexpected size $size" >&2; exit 1; }
sd=$(/usr/bin/convert "$out" -colorspace Gray -format '%[fx:standard_deviation]' info:)
awk -v sd="$sd" 'BEGIN { exit !(sd > 0.02) }' \
  || { echo "smoke: the screenshot is blank (standard deviation $sd)" >&2; exit 1; }
echo "smoke: $out ok (standard deviation $sd)"
