#!/usr/bin/env bash
# Ctrl-C during `rigtherm run`: the run stops after its iteration, writes the
# fields so far flagged converged = false / stop_reason "interrupted", and
# exits 130. Usage: interrupt.sh RIGTHERM SCENARIO OUTDIR [transient]
# With "transient": the run must also have written time_series.csv with the
# samples up to the interruption, and summary.json its time series.
set -u
exe=$1 scenario=$2 out=$3 kind=${4:-steady}
rm -rf "$out"
"$exe" run "$scenario" -o "$out" --quiet --threads 1 &
pid=$!
sleep 2
kill -INT "$pid"
wait "$pid"
rc=$?
fail() { echo "FAIL: $*"; exit 1; }
[[ $rc -eq 130 ]] || fail "exit status $rc, expected 130"
[[ -f $out/summary.json ]] || fail "no summary.json"
grep -q '"stop_reason": *"interrupted"' "$out/summary.json" || fail "stop_reason is not interrupted"
grep -q '"converged": *false' "$out/summary.json" || fail "converged is not false"
ls "$out" | grep -q 'tmp-' && fail "temporary files left behind"
if [[ $kind == transient ]]; then
  [[ -f $out/time_series.csv ]] || fail "no time_series.csv"
  rows=$(($(wc -l < "$out/time_series.csv") - 1))
  [[ $rows -ge 2 ]] || fail "time_series.csv has $rows samples, expected the initial one and more"
  grep -q '"time_series"' "$out/summary.json" || fail "summary.json has no time_series"
  echo "transient: $rows samples in time_series.csv"
fi
echo "interrupted run wrote its results and exited 130"
