#!/usr/bin/env bash
# bench/peer/table.py on made-up runs: medians of repeated runs, the ratio
# of the medians, the ranges line and the verdict. Skipped (77) where
# python3 is not installed (it comes with RT_PEER_DEPS=1 scripts/install-deps).
set -euo pipefail
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed: skipped"; exit 77; }
table="$(dirname "${BASH_SOURCE[0]}")/table.py"

rt() { echo "{\"case\":\"dvd2d\",\"Ra\":$1,\"grid\":\"128x128x1\",\"iterations\":137,\"converged\":true,\"process_wall_s\":$2,\"Nu\":4.531}"; }
of() { echo "{\"case\":\"dvd2d\",\"Ra\":$1,\"grid\":\"128x128x1\",\"iterations\":301,\"converged\":true,\"wall_s\":$2,\"Nu\":4.531}"; }
expect() {
  grep -qF -- "$2" <<<"$1" || { echo "missing: $2"; echo "$1"; exit 1; }
}

# Three runs each: medians 1.2 s and 7 s, ratio 5.83x although one pair is 4x.
out=$({ rt 1e5 1.0; of 1e5 7.0; rt 1e5 1.5; of 1e5 6.0; rt 1e5 1.2; of 1e5 8.0; } | python3 "$table")
expect "$out" "| dvd2d Ra 1e5 | 128x128x1 | 1.20 (137) | 7.00 (301) | 5.83x |"
expect "$out" "3 runs each, medians above; rigtherm 1.00-1.50 s, OpenFOAM 6.00-8.00 s, ratio of each pair 4.00-7.00x"
expect "$out" "): met"

# A second case below the target makes the verdict fail; one run prints no range.
out=$({ rt 1e5 1.0; of 1e5 7.0; rt 1e6 2.0; of 1e6 7.0; } | python3 "$table")
expect "$out" "| dvd2d Ra 1e6 | 128x128x1 | 2.00 (137) | 7.00 (301) | 3.50x |"
expect "$out" "): not met"
if grep -q "runs each" <<<"$out"; then echo "a range printed for single runs"; exit 1; fi
echo "ok"
