#!/usr/bin/env bash
# `rigtherm sweep` end to end (issue 7) on tests/cli/sweep-box.toml (four
# small variants and two impossible ones):
#   1. --dry-run lists the variants, the skipped ones with their reason and
#      an estimate, and runs nothing;
#   2. a sweep with --jobs 2 is stopped with Ctrl-C (SIGINT) after its first
#      variant finished: exit 130, that variant's summary.json is there;
#   3. the sweep is killed outright (SIGKILL) while variants run: its
#      children get SIGINT (PR_SET_PDEATHSIG), checkpoint and stop;
#   4. the same command again skips the finished variants (their
#      summary.json untouched), resumes the interrupted ones, and writes
#      ranking.csv (4 ranked rows, the impossible ones unranked) and
#      report.html; each variant folder has a scenario.toml that
#      `rigtherm check` accepts;
#   5. a third run finds nothing to do;
#   6. a variant whose run is refused is recorded as failed (exit 3), not
#      re-run without --retry-failed, and run again from the start with it.
# Usage: sweep.sh RIGTHERM SWEEP_FILE OUTDIR
set -u
exe=$1 sweep=$2 out=$3
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
mkdir -p "$out"
dir=$out/sweep
log=$out/sweep.log

# 1. Dry run.
"$exe" sweep "$sweep" -o "$dir" --dry-run > "$out/dry.log" 2>&1 || { cat "$out/dry.log"; fail "dry run failed"; }
cat "$out/dry.log"
grep -q "4 variants to run, 2 impossible" "$out/dry.log" || fail "dry run did not count the variants"
grep -q "porous1-power250_vent1-freearearatio0.3 .*not run" "$out/dry.log" || fail "dry run did not list a variant"
grep -q "skipped: .*must be >= 0" "$out/dry.log" || fail "dry run did not give the skipped variants' reason"
grep -q "estimated time" "$out/dry.log" || fail "no estimate"
[[ -e $dir ]] && fail "the dry run created $dir"

source "$(dirname "${BASH_SOURCE[0]}")/wait_for.sh"
children_gone() {  # up to 60 s until no `rigtherm run` of this sweep is left
  for _ in $(seq 600); do
    pgrep -f -- "run $dir/" > /dev/null || return 0
    sleep 0.1
  done
  return 1
}

# 2. Ctrl-C after the first variant finished.
"$exe" sweep "$sweep" -o "$dir" --jobs 2 --threads 2 --no-pictures > "$log" 2>&1 &
pid=$!
wait_for "$log" " done in " || { cat "$log"; fail "no variant finished"; }
kill -INT "$pid"
wait "$pid"
rc=$?
cat "$log"
[[ $rc -eq 130 ]] || fail "interrupted sweep exited $rc, expected 130"
children_gone || fail "children still running after the sweep stopped"
grep -q "interrupted; run the same command again" "$log" || fail "no resume hint"
[[ -f $dir/ranking.csv ]] || fail "no ranking.csv after the interruption"
done1=$(grep -l '"converged": true' "$dir"/*/summary.json | wc -l)
[[ $done1 -ge 1 ]] || fail "no converged variant after the first run"

# 3. SIGKILL of the sweep while variants run.
stops_before=$(cat "$dir"/*/run.log | grep -c "interrupted at iteration")
"$exe" sweep "$sweep" -o "$dir" --jobs 2 --threads 2 --no-pictures > "$log.2" 2>&1 &
pid=$!
wait_for "$log.2" "started\|resuming" || { cat "$log.2"; fail "second run started nothing"; }
sleep 1
kill -KILL "$pid"
wait "$pid" 2>/dev/null
children_gone || fail "children kept running after the sweep was killed"
cat "$log.2"
stops_after=$(cat "$dir"/*/run.log | grep -c "interrupted at iteration")
[[ $stops_after -gt $stops_before ]] || fail "the children of the killed sweep did not stop with a checkpoint"

# Fingerprints of the variants finished so far: they must not run again.
finished=$(grep -l '"converged": true' "$dir"/*/summary.json)
sums_before=$(md5sum $finished)
nfinished=$(echo "$finished" | wc -l)

# 4. The same command again.
"$exe" sweep "$sweep" -o "$dir" --jobs 2 --threads 2 --no-pictures > "$log.3" 2>&1
rc=$?
cat "$log.3"
[[ $rc -eq 0 || $rc -eq 4 ]] || fail "resumed sweep exited $rc"
grep -q "$nfinished finished earlier" "$log.3" || fail "the finished variants were not skipped"
[[ "$(md5sum $finished)" == "$sums_before" ]] || fail "a finished variant was run again"
for f in $finished; do
  grep -q "started $(basename "$(dirname "$f")")" "$log.3" && fail "$f was started again"
done
grep -qE "resuming from .*checkpoint\.h5 at iteration [1-9]" "$dir"/*/run.log || fail "no variant resumed from its checkpoint"
[[ -f $dir/ranking.csv && -f $dir/report.html ]] || fail "no ranking.csv / report.html"
cat "$dir/ranking.csv"
ranked=$(grep -cE '^[1-9][0-9]*,' "$dir/ranking.csv")
[[ $ranked -eq 4 ]] || fail "$ranked ranked rows, expected 4"
[[ $(grep -c ',impossible,' "$dir/ranking.csv") -eq 2 ]] || fail "the impossible variants are not listed"
# Ranked by the hottest die: 100 W variants before 250 W ones.
head -3 "$dir/ranking.csv" | tail -2 | grep -c "power100" | grep -q 2 || fail "ranking order"
grep -q "Best and worst" "$dir/report.html" || fail "report.html has no best/worst"
for d in "$dir"/porous1-*/; do
  [[ -f $d/checkpoint.h5 ]] && fail "$d kept its checkpoint after finishing"
  "$exe" check "$d/scenario.toml" --no-pictures > /dev/null || fail "$d/scenario.toml is not a valid scenario"
done

# 5. Nothing left to do.
"$exe" sweep "$sweep" -o "$dir" --jobs 2 --threads 2 --no-pictures > "$log.4" 2>&1
grep -q "4 finished earlier, 0 to run" "$log.4" || { cat "$log.4"; fail "a complete sweep ran again"; }
# 6. Failure isolation: a variant whose run is refused (a damaged
# checkpoint) is recorded as failed with the reason, the others are not
# touched, the sweep exits 3; --retry-failed runs it again from the start.
victim=$dir/porous1-power100_vent1-freearearatio0.6
rm "$victim/summary.json"
echo "not an HDF5 file" > "$victim/checkpoint.h5"
sums_before=$(md5sum "$dir"/*/summary.json)
"$exe" sweep "$sweep" -o "$dir" --jobs 2 --threads 2 --no-pictures > "$log.5" 2>&1
rc=$?
cat "$log.5"
[[ $rc -eq 3 ]] || fail "a sweep with a failed variant exited $rc, expected 3"
grep -q "porous1-power100_vent1-freearearatio0.6 FAILED: exit 2: cannot resume" "$log.5" || fail "no failure reason"
[[ "$(md5sum "$dir"/*/summary.json)" == "$sums_before" ]] || fail "other variants were touched"
grep -q ",porous1-power100_vent1-freearearatio0.6,failed,.*cannot resume" "$dir/ranking.csv" || fail "the failure is not in ranking.csv"
"$exe" sweep "$sweep" -o "$dir" --jobs 2 --threads 2 --no-pictures > "$log.6" 2>&1
[[ $? -eq 3 ]] && grep -q "1 failed earlier and are not re-run" "$log.6" || { cat "$log.6"; fail "a failed variant was re-run without --retry-failed"; }
"$exe" sweep "$sweep" -o "$dir" --jobs 2 --threads 2 --no-pictures --retry-failed > "$log.7" 2>&1
rc=$?
cat "$log.7"
[[ $rc -eq 0 || $rc -eq 4 ]] || fail "--retry-failed exited $rc"
[[ $(grep -cE '^[1-9][0-9]*,' "$dir/ranking.csv") -eq 4 ]] || fail "the retried variant is not ranked"
echo "sweep: OK"
