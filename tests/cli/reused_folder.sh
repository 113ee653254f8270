#!/usr/bin/env bash
# A run's output folder is its own (issue 17): summary.json is always the
# complete result of the run that last wrote there, and another scenario's
# results are never replaced unasked.
#   1. a folder holding another scenario's results: refused, exit 2, naming
#      it; nothing touched;
#   2. with --overwrite, killed (SIGKILL) mid-run: no summary.json, none of
#      the other scenario's results left;
#   3. the same scenario run again into its folder and killed: no summary.json
#      (the earlier one was removed when the solve began);
#   4. that folder now holds only the interrupted run's checkpoint.h5:
#      another scenario is refused there too (exit 2, saying how to resume),
#      the checkpoint kept; with --overwrite it goes.
# Usage: reused_folder.sh RIGTHERM SMALL_SCENARIO LONG_SCENARIO OUTDIR
set -u
exe=$1 small=$2 long=$3 out=$4
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
mkdir -p "$out"

source "$(dirname "${BASH_SOURCE[0]}")/wait_for.sh"

"$exe" run "$small" -o "$out/d" --quiet --threads 1 --no-pictures > "$out/small.log" 2>&1
rc=$?
[[ $rc -eq 0 || $rc -eq 4 ]] || { cat "$out/small.log"; fail "the small run exited $rc"; }
cp "$out/d/summary.json" "$out/small-summary.json"

# 1. Another scenario into the same folder.
"$exe" run "$long" -o "$out/d" --quiet --threads 1 --no-pictures > "$out/refused.log" 2>&1
rc=$?
[[ $rc -eq 2 ]] || { cat "$out/refused.log"; fail "another scenario's folder: exit $rc, expected 2"; }
grep -q "holds the results of .*$(basename "$small").*--overwrite" "$out/refused.log" \
  || { cat "$out/refused.log"; fail "the refusal does not name the results and --overwrite"; }
cmp -s "$out/d/summary.json" "$out/small-summary.json" || fail "the refused run touched summary.json"

# 2. --overwrite, killed mid-run.
"$exe" run "$long" -o "$out/d" --threads 1 --no-pictures --overwrite > "$out/overwrite.log" 2>&1 &
pid=$!
wait_for "$out/overwrite.log" "iter " || { cat "$out/overwrite.log"; fail "no progress"; }
kill -KILL "$pid"
wait "$pid" 2>/dev/null
grep -q "the results of .* are replaced" "$out/overwrite.log" || fail "--overwrite did not say so"
[[ -f $out/d/summary.json ]] && fail "a killed --overwrite run left the other scenario's summary.json"
[[ -f $out/d/result.h5 ]] && fail "a killed --overwrite run left the other scenario's result.h5"

# 3. The same scenario again, killed mid-run.
"$exe" run "$long" -o "$out/e" --threads 1 --no-pictures > "$out/first.log" 2>&1 &
pid=$!
wait_for "$out/first.log" "iter " || { cat "$out/first.log"; fail "no progress"; }
kill -INT "$pid"
wait "$pid"
[[ -f $out/e/summary.json ]] || fail "the interrupted run wrote no summary.json"
"$exe" run "$long" -o "$out/e" --threads 1 --no-pictures > "$out/again.log" 2>&1 &
pid=$!
wait_for "$out/again.log" "iter " || { cat "$out/again.log"; fail "no progress"; }
kill -KILL "$pid"
wait "$pid" 2>/dev/null
[[ -f $out/e/summary.json ]] && fail "a killed rerun left the earlier run's summary.json"

# 4. A lone checkpoint of another scenario (HDF5 builds write checkpoints).
if [[ -f $out/e/checkpoint.h5 ]]; then
  cp "$out/e/checkpoint.h5" "$out/long-checkpoint.h5"
  "$exe" run "$small" -o "$out/e" --quiet --threads 1 --no-pictures > "$out/lone.log" 2>&1
  rc=$?
  [[ $rc -eq 2 ]] || { cat "$out/lone.log"; fail "a lone checkpoint of another scenario: exit $rc"; }
  grep -q "checkpoint of an interrupted run of .*$(basename "$long").*--resume.*--overwrite" \
    "$out/lone.log" || { cat "$out/lone.log"; fail "the refusal does not say how to resume"; }
  cmp -s "$out/e/checkpoint.h5" "$out/long-checkpoint.h5" || fail "the refused run touched it"
  "$exe" run "$small" -o "$out/e" --quiet --threads 1 --no-pictures --overwrite \
    > "$out/lone-overwrite.log" 2>&1
  rc=$?
  [[ $rc -eq 0 || $rc -eq 4 ]] || { cat "$out/lone-overwrite.log"; fail "--overwrite: exit $rc"; }
  [[ -f $out/e/checkpoint.h5 ]] && fail "--overwrite kept the other scenario's checkpoint"
fi
echo "ok"
