#!/usr/bin/env bash
# rigtherm against OpenFOAM on the peer cavities, same machine, one after the
# other, in one run (bench/README.md, "Peer comparison"):
#   2-D cavity Ra 1e5 and Ra 1e6 at 128^2, 3-D cube Ra 1e5 at 64^3.
# Each code runs to its own tight convergence (every normalised residual
# below 1e-6) from rest; the table gives both wall times, iterations, both
# hot-wall Nusselt numbers and the speed ratio (OpenFOAM time / rigtherm time).
#
#   bench/peer.sh [--procs N] [--2d-only] [--repeat K] [--backend cpu|cuda]
#
# --procs N    OpenMP threads for rigtherm and MPI ranks for OpenFOAM (default 2)
# --2d-only    skip the 3-D cube (about 4 minutes of the run)
# --repeat K   run each case K times, the two codes alternating; the table
#              gives each side's median and the range (default 1)
# --backend B  where rigtherm's field work runs (default cpu; cuda on a GPU)
# OpenFOAM is not installed by the default commands; `RT_PEER_DEPS=1
# scripts/install-deps` installs it (Debian's `openfoam`, v1912). The OpenFOAM
# case scripts are bench/peer/ (settings and their tuning: bench/peer/README.md).
# Every JSON line is also appended to $RT_BUILD_DIR/peer-results.jsonl.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${RT_BUILD_DIR:-$root/build}"
procs=2
repeat=1
backend=cpu
cases=("dvd2d 1e5 128" "dvd2d 1e6 128" "cube3d 1e5 64")
while [[ $# -gt 0 ]]; do
  case "$1" in
    --procs) procs="$2"; shift 2 ;;
    --2d-only) cases=("dvd2d 1e5 128" "dvd2d 1e6 128"); shift ;;
    --repeat) repeat="$2"; shift 2 ;;
    --backend) backend="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "peer.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$repeat" =~ ^[1-9][0-9]*$ ]] || { echo "peer.sh: --repeat wants a whole number >= 1, got '$repeat'" >&2; exit 2; }

if ! command -v buoyantBoussinesqSimpleFoam >/dev/null 2>&1; then
  echo "peer.sh: OpenFOAM is not installed; install it with" >&2
  echo "  RT_PEER_DEPS=1 scripts/install-deps" >&2
  exit 2
fi
for tool in python3 bc mpirun; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "peer.sh: $tool is missing; RT_PEER_DEPS=1 scripts/install-deps installs it" >&2
    exit 2
  }
done

"$root/scripts/build" >/dev/null
case_program="$build/bench/rigtherm_peer_case"
[[ -x "$case_program" ]] || { echo "peer.sh: $case_program was not built (RT_BENCH=OFF?)" >&2; exit 2; }

results="$build/peer-results.jsonl"
lines=()
echo "peer comparison, $procs threads / ranks, commit $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
for c in "${cases[@]}"; do
  read -r kind ra n <<<"$c"
  for ((run = 1; run <= repeat; ++run)); do
    of_what="$kind Ra $ra N $n"
    ((repeat > 1)) && of_what="$of_what (run $run of $repeat)"
    echo "  $of_what: rigtherm ..." >&2
    t0=$(date +%s.%N)
    rt_line=$(OMP_NUM_THREADS="$procs" "$case_program" "$kind" --ra "$ra" --n "$n" --backend "$backend")
    t1=$(date +%s.%N)
    # The process as a user waits for it (start-up and exit included), like
    # the OpenFOAM scripts' wall_s around mpirun. printf, because bc writes
    # 0.72 as .72, which is not JSON.
    rt_line="${rt_line%\}},\"process_wall_s\":$(printf '%.6f' "$(echo "$t1 - $t0" | bc -l)")}"
    echo "  $of_what: OpenFOAM ..." >&2
    if [[ "$kind" == dvd2d ]]; then
      of_line=$(bash "$root/bench/peer/dvd2d/run.sh" "$ra" "$n" "$procs" | tail -n 1)
    else
      of_line=$(bash "$root/bench/peer/cube3d/run.sh" "$n" "$procs" "$ra" | tail -n 1)
    fi
    printf '%s\n%s\n' "$rt_line" "$of_line" >>"$results"
    lines+=("$rt_line" "$of_line")
  done
done

printf '%s\n' "${lines[@]}" | python3 "$root/bench/peer/table.py"
