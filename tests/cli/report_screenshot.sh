#!/usr/bin/env bash
# report.html in a real headless browser: run the tiny cavity, screenshot
# its report with Debian's chromium, and check the screenshot is not blank
# and shows the pictures (the temperature map's dark red, 165/0/38, which
# nothing but an embedded picture draws). Exit 77 (skip) without chromium.
#   report_screenshot.sh RIGTHERM PNG_CHECK SCENARIO OUTDIR
set -euo pipefail
exe=$1 check=$2 scenario=$3 out=$4
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
  echo "SKIP: no chromium (apt-get install chromium)"
  exit 77
fi
rm -rf "$out"
mkdir -p "$out"
"$exe" run "$scenario" -o "$out/run" --threads 1 --quiet || [[ $? == 4 ]]
[[ -s $out/run/report.html ]] || { echo "FAIL: no report.html"; exit 1; }
# Offline: the page is opened from disk with the network off.
timeout 120 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
  --user-data-dir="$out/profile" --no-first-run --proxy-server="127.0.0.1:9" \
  --window-size=1400,2600 --screenshot="$out/report.png" "file://$(realpath "$out/run/report.html")" \
  > "$out/chromium.txt" 2>&1 || { cat "$out/chromium.txt"; echo "FAIL: chromium"; exit 1; }
"$check" "$out/report.png" --size 1400x2600 --min-stddev 20 --has-rgb 165,0,38,30,0.002 \
  || { echo "FAIL: the screenshot shows no pictures"; exit 1; }
echo "report screenshot: $out/report.png"
