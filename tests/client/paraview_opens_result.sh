#!/usr/bin/env bash
# Client test (ctest label `client`): ParaView's pvpython opens result.xmf
# and sees the grid size, extent and T range rigtherm wrote. Needs Debian's
# paraview and python3-paraview; without pvpython it is skipped (exit 77).
# Usage: paraview_opens_result.sh RIGTHERM RT_TEST_TOOL SCENARIO OUTDIR
set -u
exe=$1 tool=$2 scenario=$3 out=$4
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v pvpython > /dev/null 2>&1; then
  echo "SKIP: pvpython not found; install it with: apt-get install --no-install-recommends paraview python3-paraview"
  exit 77
fi
rm -rf "$out"
"$exe" run "$scenario" -o "$out" --quiet --threads 1 || { echo "FAIL: rigtherm run exited $?"; exit 1; }
info=$("$tool" result-info "$out/result.h5") || { echo "FAIL: cannot read $out/result.h5"; exit 1; }
echo "$info"
read -r _ nx ny nz <<< "$(grep '^cells' <<< "$info")"
read -r _ tmin tmax <<< "$(grep '^T_range' <<< "$info")"
# The domain size from the scenario's [domain] size_m.
read -r lx ly lz <<< "$(sed -n 's/^size_m *= *\[\(.*\)\].*/\1/p' "$scenario" | head -1 | tr -d ',')"
# pvpython wants a display only to render; reading needs none.
timeout 300 pvpython "$here/open_result.py" "$out/result.xmf" "$nx" "$ny" "$nz" "$tmin" "$tmax" \
  "$lx" "$ly" "$lz"
