# Sourced by the command-line test scripts: wait_for FILE PATTERN waits (up to
# 120 s) until FILE contains PATTERN while the process $pid still runs;
# returns 1 when it does not.
wait_for() {
  for _ in $(seq 1200); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}
