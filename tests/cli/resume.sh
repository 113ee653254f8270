#!/usr/bin/env bash
# Checkpoints and --resume from the command line (issue 5). For a steady or a
# transient scenario:
#   1. an uninterrupted run, the reference;
#   2. a run interrupted by Ctrl-C (SIGINT) mid-way: exit 130 and a
#      checkpoint.h5 beside the results; resumed with --resume, it must say
#      where it resumed, end with the reference's exit status, remove the
#      checkpoint, and its summary.json must agree with the reference's
#      within the solver tolerance (rt_test_tool compare-summaries);
#   3. a run killed outright (SIGKILL) after its first periodic checkpoint
#      (--checkpoint-every), resumed the same way;
#   4. a truncated checkpoint and one of another scenario: --resume refuses
#      them with a message and exit 2, and touches nothing.
# Usage: resume.sh RIGTHERM RT_TEST_TOOL SCENARIO OUTDIR MARK EVERY
#   MARK:  progress text after which to interrupt (e.g. "iter 400/")
#   EVERY: --checkpoint-every for step 3
set -u
exe=$1 tool=$2 scenario=$3 out=$4 mark=$5 every=$6
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
mkdir -p "$out"

# 1. The reference.
"$exe" run "$scenario" -o "$out/reference" --quiet --threads 1 > "$out/reference.log" 2>&1
ref_rc=$?
[[ $ref_rc -eq 0 || $ref_rc -eq 4 ]] || { cat "$out/reference.log"; fail "reference run exited $ref_rc"; }
[[ -f $out/reference/checkpoint.h5 ]] && fail "a finished run left its checkpoint behind"

source "$(dirname "${BASH_SOURCE[0]}")/wait_for.sh"

resume_and_compare() {  # $1: output dir
  "$exe" run "$scenario" -o "$1" --quiet --threads 1 --resume > "$1.resume.log" 2>&1
  local rc=$?
  cat "$1.resume.log" | head -3
  [[ $rc -eq $ref_rc ]] || { cat "$1.resume.log"; fail "resumed run exited $rc, the reference $ref_rc"; }
  grep -Eq "resuming from .*checkpoint\.h5 at (step [1-9][0-9]*, t = [0-9.e+]+ s \(iteration [1-9][0-9]*\)|iteration [1-9][0-9]*)" "$1.resume.log" \
    || fail "the run did not say that it resumed from a checkpoint"
  [[ -f $1/checkpoint.h5 ]] && fail "the finished resumed run left its checkpoint behind"
  "$tool" compare-summaries "$out/reference/summary.json" "$1/summary.json" 1e-6 \
    || fail "the resumed run's summary differs from the uninterrupted run's"
}

# 2. Ctrl-C mid-way, then --resume.
"$exe" run "$scenario" -o "$out/interrupted" --threads 1 > "$out/interrupted.log" 2>&1 &
pid=$!
wait_for "$out/interrupted.log" "$mark" || { cat "$out/interrupted.log"; fail "never saw '$mark'"; }
kill -INT "$pid"
wait "$pid"
rc=$?
[[ $rc -eq 130 ]] || { cat "$out/interrupted.log"; fail "interrupted run exited $rc, expected 130"; }
[[ -f $out/interrupted/checkpoint.h5 ]] || fail "no checkpoint.h5 after Ctrl-C"
grep -q -- "--resume" "$out/interrupted.log" || fail "the interrupted run did not say how to resume"
ls "$out/interrupted" | grep -q 'tmp-' && fail "temporary files left behind"
cp "$out/interrupted/checkpoint.h5" "$out/good-checkpoint.h5"
resume_and_compare "$out/interrupted"

# 3. Killed outright after a periodic checkpoint, then --resume.
"$exe" run "$scenario" -o "$out/killed" --quiet --threads 1 --checkpoint-every "$every" \
  > "$out/killed.log" 2>&1 &
pid=$!
for _ in $(seq 1200); do
  [[ -f $out/killed/checkpoint.h5 ]] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.05
done
kill -KILL "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[[ -f $out/killed/checkpoint.h5 ]] || fail "no periodic checkpoint was written"
resume_and_compare "$out/killed"

# 4. A truncated checkpoint, and one of another scenario, are refused.
mkdir -p "$out/truncated"
head -c $(($(stat -c %s "$out/good-checkpoint.h5") / 2)) "$out/good-checkpoint.h5" \
  > "$out/truncated/checkpoint.h5"
"$exe" run "$scenario" -o "$out/truncated" --quiet --threads 1 --resume > "$out/truncated.log" 2>&1
rc=$?
cat "$out/truncated.log"
[[ $rc -eq 2 ]] || fail "a truncated checkpoint: exit $rc, expected 2"
grep -q "cannot resume: .*checkpoint.h5: cannot open this checkpoint file: it is truncated, damaged or not HDF5" "$out/truncated.log" \
  || fail "no clear message for a truncated checkpoint"
[[ -f $out/truncated/summary.json ]] && fail "a run started from a truncated checkpoint"

mkdir -p "$out/other"
cp "$out/good-checkpoint.h5" "$out/other/checkpoint.h5"
sed 's/^tolerance = .*/tolerance = 1e-3/; s/^step_tolerance = .*/step_tolerance = 1e-3/' "$scenario" > "$out/other.toml"
cmp -s "$scenario" "$out/other.toml" && fail "could not make another scenario"
"$exe" run "$out/other.toml" -o "$out/other" --quiet --threads 1 --resume > "$out/other.log" 2>&1
rc=$?
cat "$out/other.log"
[[ $rc -eq 2 ]] || fail "a checkpoint of another scenario: exit $rc, expected 2"
grep -q "belongs to another scenario or grid" "$out/other.log" || fail "no clear message for another scenario"
echo "interrupted and killed runs resumed to the uninterrupted run's summary; bad checkpoints refused"
