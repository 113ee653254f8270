#!/usr/bin/env bash
# `rigtherm sweep --slurm` without a cluster (issue 7): the job-array script
# is written (--no-submit), each array task is run here the way Slurm would
# run it (SLURM_ARRAY_TASK_ID, SLURM_CPUS_PER_TASK set), `--collect` ranks
# the result, and the ranking must equal a local `rigtherm sweep` of the
# same file (same thread count: the runs are deterministic). Re-writing the
# script after everything finished lists nothing to submit; after one
# variant's results are removed it lists that one only.
# Usage: sweep-slurm.sh RIGTHERM SWEEP_FILE OUTDIR
set -u
exe=$1 sweep=$2 out=$3
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
mkdir -p "$out"

"$exe" sweep "$sweep" -o "$out/local" --jobs 1 --threads 1 --no-pictures > "$out/local.log" 2>&1
rc=$?
[[ $rc -eq 0 || $rc -eq 4 ]] || { cat "$out/local.log"; fail "local sweep exited $rc"; }

"$exe" sweep "$sweep" -o "$out/slurm" --slurm --no-submit --threads 1 --no-pictures > "$out/slurm.log" 2>&1 \
  || { cat "$out/slurm.log"; fail "--slurm --no-submit failed"; }
cat "$out/slurm.log"
script=$out/slurm/slurm/sweep.sbatch
[[ -f $script ]] || fail "no $script"
n=$(ls -d "$out/local"/*/ | wc -l)
grep -q "^#SBATCH --array=0-$((n - 1))$" "$script" || fail "the array is not 0-$((n - 1))"
grep -q "^#SBATCH --cpus-per-task=1$" "$script" || fail "cpus-per-task"
grep -qE "^#SBATCH --mem=[0-9]+M$" "$script" || fail "no memory request"
grep -qE "^#SBATCH --time=[0-9]+:[0-9]{2}:00$" "$script" || fail "no time limit"
bash -n "$script" || fail "the script is not valid bash"

for ((i = 0; i < n; i++)); do
  SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_JOB_ID=1 SLURM_CPUS_PER_TASK=1 bash "$script" > "$out/task-$i.out" 2>&1 \
    || { cat "$out/task-$i.out"; fail "array task $i failed"; }
done
# A task whose variant has finished does nothing.
SLURM_ARRAY_TASK_ID=0 bash "$script" | grep -q "finished earlier" || fail "a finished task ran again"

"$exe" sweep --collect "$out/slurm" > "$out/collect.log" 2>&1 || { cat "$out/collect.log"; fail "--collect failed"; }
cut -d, -f1-4 "$out/local/ranking.csv" > "$out/local.rank"
cut -d, -f1-4 "$out/slurm/ranking.csv" > "$out/slurm.rank"
cat "$out/slurm.rank"
diff "$out/local.rank" "$out/slurm.rank" || fail "the Slurm ranking differs from the local one"
[[ $(grep -cE '^[1-9]' "$out/slurm.rank") -eq $n ]] || fail "not every variant ranked"

"$exe" sweep "$sweep" -o "$out/slurm" --slurm --no-submit --threads 1 > "$out/again.log" 2>&1
grep -q "nothing to submit" "$out/again.log" || { cat "$out/again.log"; fail "re-submitting a finished sweep"; }
first=$(ls -d "$out/slurm"/*/ | grep -v /slurm/$ | head -1)
rm "$first/summary.json"
"$exe" sweep "$sweep" -o "$out/slurm" --slurm --no-submit --threads 1 > "$out/again.log" 2>&1
grep -q "^#SBATCH --array=0-0$" "$script" || fail "re-submission does not list only the unfinished variant"
grep -q "$(basename "$first")" "$script" || fail "the unfinished variant is not in the script"
echo "sweep --slurm: OK"
