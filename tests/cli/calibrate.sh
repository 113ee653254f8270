#!/usr/bin/env bash
# `rigtherm calibrate` end to end: a tiny build is solved (`run`), a
# synthetic nvidia-smi log of a known card (R_ref 0.18 K/W, n 0.72) is made
# under that solve's intake air and flow, and calibrate fits it back:
#   1. exit 0, the fitted R_ref and exponent within 2 % of the truth as the
#      part file reads back (`parts show` through RIGTHERM_PARTS_EXTRA);
#   2. the same again without --overwrite: refused, exit 2, file untouched;
#   3. a build naming the calibrated id through [parts] path passes check;
#   4. --result of another build's run: refused, exit 2;
#   5. no --result: calibrate solves the build itself with the card's fans
#      fixed at the log's lowest and highest speed under load, and the fit
#      interpolates the flow between the two solves.
# Usage: calibrate.sh RIGTHERM RT_TEST_TOOL BUILD OUTDIR
set -u
exe=$1 tool=$2 build=$3 out=$4
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
mkdir -p "$out"

"$exe" run "$build" -o "$out/run" --quiet --no-pictures > "$out/run.log" 2>&1
rc=$?
[[ $rc -eq 0 || $rc -eq 4 ]] || { cat "$out/run.log"; fail "the run exited $rc"; }
"$tool" synthetic-nvidia-smi-log "$out/run/summary.json" gpu1 "$out/log.csv" || fail "no log"

# 1.
"$exe" calibrate "$out/log.csv" --build "$build" --gpu 1 --result "$out/run" \
  -o "$out/my-parts" > "$out/calibrate.log" 2>&1
rc=$?
cat "$out/calibrate.log"
[[ $rc -eq 0 ]] || fail "calibrate exited $rc"
part="$out/my-parts/gtx-1080-ti-fe-calibrated.toml"
[[ -f $part ]] || fail "no $part"
RIGTHERM_PARTS_EXTRA="$out/my-parts" "$exe" parts show gtx-1080-ti-fe-calibrated \
  > "$out/show.log" 2>&1 || { cat "$out/show.log"; fail "parts show"; }
R=$(awk '$1 == "R_ref_K_W" {print $2}' "$out/show.log")
n=$(awk '$1 == "R_exponent" {print $2}' "$out/show.log")
awk -v R="$R" -v n="$n" 'BEGIN { exit !(R > 0.18 * 0.98 && R < 0.18 * 1.02 &&
                                        n > 0.72 * 0.98 && n < 0.72 * 1.02) }' \
  || fail "fitted R_ref $R, n $n: not within 2 % of 0.18, 0.72"
echo "fitted R_ref $R K/W (truth 0.18), n $n (truth 0.72)"

# 2.
cp "$part" "$out/part-before.toml"
"$exe" calibrate "$out/log.csv" --build "$build" --gpu 1 --result "$out/run" \
  -o "$out/my-parts" > "$out/again.log" 2>&1
rc=$?
[[ $rc -eq 2 ]] || { cat "$out/again.log"; fail "an existing part file: exit $rc, expected 2"; }
grep -q "exists; choose another --name, or add --overwrite" "$out/again.log" \
  || { cat "$out/again.log"; fail "the refusal does not say --overwrite"; }
cmp -s "$part" "$out/part-before.toml" || fail "the refused calibrate touched the part file"

# 3.
sed -e 's/model = "gtx-1080-ti-fe"/model = "gtx-1080-ti-fe-calibrated"/' \
    -e 's/^\[board\]/[parts]\npath = "my-parts"\n\n[board]/' "$build" > "$out/mine.toml"
"$exe" check "$out/mine.toml" --no-pictures > "$out/check.log" 2>&1 \
  || { cat "$out/check.log"; fail "check of a build naming the calibrated card"; }
grep -q "gtx-1080-ti-fe-calibrated" "$out/check.log" || fail "check does not name the card"

# 4.
cp "$build" "$out/other.toml"
"$exe" calibrate "$out/log.csv" --build "$out/other.toml" --gpu 1 --result "$out/run" \
  -o "$out/my-parts" --name other > "$out/other.log" 2>&1
rc=$?
[[ $rc -eq 2 ]] || { cat "$out/other.log"; fail "another build's run: exit $rc, expected 2"; }
grep -q "holds the results of" "$out/other.log" || { cat "$out/other.log"; fail "no reason"; }

# 5.
"$exe" calibrate "$out/log.csv" --build "$build" --gpu 1 -o "$out/my-parts" --name two-speeds \
  --quiet > "$out/solved-here.log" 2>&1
rc=$?
cat "$out/solved-here.log"
[[ $rc -eq 0 ]] || fail "calibrate without --result exited $rc"
[[ $(grep -c "the card's fans fixed at" "$out/solved-here.log") -eq 2 ]] \
  || fail "not two solves at fixed fan speeds"
grep -q "interpolated between the solves" "$out/solved-here.log" \
  || fail "the flow is not interpolated between the solves"
[[ -f "$out/my-parts/two-speeds.toml" ]] || fail "no two-speeds.toml"
echo "calibrate: all checks passed"
