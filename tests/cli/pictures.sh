#!/usr/bin/env bash
# Pictures and the report from the command line (issue 5), on the tiny
# cavity: `run` draws side.png, convergence.png and layout.png (1600 x 1000,
# not blank) and writes report.html with them embedded; `render` draws a
# custom slice from result.h5; `check` draws the layout; --no-pictures skips
# them; with no X server and no Xvfb the run still succeeds and says why.
#   pictures.sh RIGTHERM PNG_CHECK SCENARIO OUTDIR
set -euo pipefail
exe=$1 check=$2 scenario=$3 out=$4
rm -rf "$out"
mkdir -p "$out"
fail() { echo "FAIL: $*"; exit 1; }

# No DISPLAY: rigtherm starts its own Xvfb.
env -u DISPLAY "$exe" run "$scenario" -o "$out/run" --threads 1 --quiet > "$out/run.txt" 2>&1 || rc=$?
cat "$out/run.txt"
[[ ${rc:-0} == 0 || ${rc:-0} == 4 ]] || fail "run exited ${rc}"
for f in side.png convergence.png layout.png report.html summary.json; do
  [[ -s $out/run/$f ]] || fail "missing $out/run/$f"
done
"$check" "$out/run/side.png" --size 1600x1000 --min-stddev 20 --has-rgb 165,0,38,30,0.001 \
  --has-rgb 49,54,149,30,0.001 || fail "side.png"
"$check" "$out/run/convergence.png" --size 1600x1000 --min-stddev 10 || fail "convergence.png"
"$check" "$out/run/layout.png" --size 1600x1000 --min-stddev 5 || fail "layout.png"
n=$(grep -o 'src="data:image/png;base64,' "$out/run/report.html" | wc -l)
[[ $n -ge 3 ]] || fail "report.html embeds $n pictures, expected 3"
grep -q "Energy balance" "$out/run/report.html" || fail "report.html has no energy balance"

# render: a custom slice, fixed range, speed with streamlines, bad input.
"$exe" render "$out/run/result.h5" -o "$out/speed.png" --slice z=0.625mm --field speed \
  --streamlines --size 1200x800 || fail "render speed"
"$check" "$out/speed.png" --size 1200x800 --min-stddev 10 || fail "speed.png"
"$exe" render "$out/run/result.h5" -o "$out/T.png" --range 20:30 || fail "render T"
"$check" "$out/T.png" --size 1600x1000 --min-stddev 20 || fail "T.png"
if "$exe" render "$out/run/result.h5" -o "$out/bad.png" --slice y=5 2> "$out/bad.txt"; then
  fail "render outside the domain succeeded"
fi
grep -q "outside the domain" "$out/bad.txt" || fail "no message for a plane outside the domain"

# check draws the layout.
"$exe" check "$scenario" --layout "$out/layout.png" | grep -q "layout picture" || fail "check"
"$check" "$out/layout.png" --size 1600x1000 --min-stddev 5 || fail "check layout.png"

# --no-pictures: no pictures, the report still written.
"$exe" run "$scenario" -o "$out/nopic" --threads 1 --quiet --no-pictures > /dev/null 2>&1 || true
[[ -s $out/nopic/report.html && ! -e $out/nopic/side.png ]] || fail "--no-pictures"

# Neither a display nor Xvfb: results and report written, the exit status
# that of the solve, and the reason said.
rc=0
env -u DISPLAY PATH=/nonexistent "$exe" run "$scenario" -o "$out/nox" --threads 1 --quiet \
  > "$out/nox.txt" 2>&1 || rc=$?
cat "$out/nox.txt"
[[ $rc == 0 || $rc == 4 ]] || fail "run without X exited $rc"
grep -q "install Xvfb" "$out/nox.txt" || fail "no word on what to install"
[[ -s $out/nox/result.h5 && -s $out/nox/report.html ]] || fail "results missing without X"
echo "pictures: all checks passed"
