#!/usr/bin/env bash
# The sweep's side views on one colour range (issue 7): after a sweep with
# pictures, each finished variant has sweep-side.png (drawn by `rigtherm
# render` with the common --range), a real picture (png_check), and
# report.html shows those, saying that they share one range.
# Usage: sweep-pictures.sh RIGTHERM PNG_CHECK SWEEP_FILE OUTDIR
set -u
exe=$1 png_check=$2 sweep=$3 out=$4
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
"$exe" sweep "$sweep" -o "$out" --jobs 2 --threads 2 > "$out.log" 2>&1
rc=$?
cat "$out.log"
[[ $rc -eq 0 || $rc -eq 4 ]] || fail "sweep exited $rc"
grep -qE "side views on one colour range [0-9]+\.\.[0-9]+ °C" "$out.log" || fail "no common range"
n=0
for d in "$out"/*/; do
  [[ -f $d/summary.json ]] || continue
  [[ -f $d/sweep-side.png ]] || { cat "$d/render.log"; fail "no $d/sweep-side.png"; }
  "$png_check" "$d/sweep-side.png" --size 1600x1000 --min-stddev 5 || fail "$d/sweep-side.png is blank"
  grep -q "$(basename "$d")/sweep-side.png" "$out/report.html" || fail "report.html does not show $d/sweep-side.png"
  n=$((n + 1))
done
[[ $n -ge 2 ]] || fail "only $n variants finished"
grep -q "share one colour range" "$out/report.html" || fail "report.html does not say the range is shared"
echo "sweep pictures: OK"
