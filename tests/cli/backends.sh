#!/usr/bin/env bash
# --backend from the command line (solver/compute_backend.hpp):
#   1. mirror (the CUDA path's transfers on the host) writes the cpu run's
#      summary.json, every number to the bit, and says "mirror" in it;
#   2. cuda either refuses with exit 2 and the reason (no device, the usual
#      case on the development machines; or the model does not fit), or, on
#      a machine with a GPU, solves to the cpu run's summary within 1e-6;
#   3. a transient run on another backend is refused with exit 2 and why.
# Usage: backends.sh RIGTHERM RT_TEST_TOOL SCENARIO TRANSIENT_SCENARIO OUTDIR
set -u
exe=$1 tool=$2 scenario=$3 transient=$4 out=$5
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
mkdir -p "$out"
solve() {  # $1 scenario, $2 output name, $3 backend; prints the exit status
  "$exe" run "$1" -o "$out/$2" --quiet --threads 1 --no-pictures --backend "$3" \
    > "$out/$2.log" 2>&1
  echo $?
}
finished() { [[ $1 -eq 0 || $1 -eq 4 ]]; }

cpu_rc=$(solve "$scenario" cpu cpu)
finished "$cpu_rc" || { cat "$out/cpu.log"; fail "cpu run exited $cpu_rc"; }

# 1. mirror
rc=$(solve "$scenario" mirror mirror)
[[ $rc -eq $cpu_rc ]] || { cat "$out/mirror.log"; fail "mirror run exited $rc, cpu $cpu_rc"; }
grep -q '"backend": "mirror"' "$out/mirror/summary.json" || fail "summary.json does not say mirror"
"$tool" compare-summaries "$out/cpu/summary.json" "$out/mirror/summary.json" 0 \
  || fail "the mirror backend's summary differs from the cpu's"

# 2. cuda
rc=$(solve "$scenario" cuda cuda)
if [[ $rc -eq 2 ]]; then
  grep -Eq "no CUDA device [(].+[)]|does not fit in device memory" "$out/cuda.log" \
    || { cat "$out/cuda.log"; fail "cuda refused without saying why"; }
  echo "cuda refused: $(head -1 "$out/cuda.log")"
else
  finished "$rc" || { cat "$out/cuda.log"; fail "cuda run exited $rc"; }
  grep -q '"backend": "cuda"' "$out/cuda/summary.json" || fail "summary.json does not say cuda"
  "$tool" compare-summaries "$out/cpu/summary.json" "$out/cuda/summary.json" 1e-6 \
    || fail "the cuda backend's summary differs from the cpu's"
  echo "cuda solved it"
fi

# 3. transient
rc=$(solve "$transient" transient mirror)
[[ $rc -eq 2 ]] || { cat "$out/transient.log"; fail "a transient run on mirror exited $rc"; }
grep -q "transient runs solve on the CPU" "$out/transient.log" \
  || { cat "$out/transient.log"; fail "the refusal does not say why"; }
echo "ok"
