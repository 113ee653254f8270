#!/usr/bin/env bash
# Input files that are not files (issue 17): a FIFO (which blocked `check`
# for ever), /dev/zero (read until memory ran out), a folder, and a file far
# larger than any scenario are refused at once with exit 2 and a message, by
# run, check and sweep alike (scenarios/toml/input_file.hpp).
# Usage: odd_inputs.sh RIGTHERM OUTDIR
set -u
exe=$1 out=$2
fail() { echo "FAIL: $*"; exit 1; }
rm -rf "$out"
mkdir -p "$out"
mkfifo "$out/fifo.toml"
truncate -s 17M "$out/huge.toml"
mkdir "$out/folder.toml"

expect_refused() {  # $1: what to look for in the message; the rest: the command
  local want=$1
  shift
  timeout 20 "$exe" "$@" > "$out/log" 2>&1
  local rc=$?
  [[ $rc -eq 2 ]] || { cat "$out/log"; fail "'$*' exited $rc, expected 2"; }
  grep -q -- "$want" "$out/log" || { cat "$out/log"; fail "'$*' did not say '$want'"; }
}

for cmd in check run sweep; do
  extra=()
  [[ $cmd != check ]] && extra=(-o "$out/o-$cmd")
  expect_refused "is not a regular file" "$cmd" "$out/fifo.toml" "${extra[@]}"
  expect_refused "is not a regular file" "$cmd" /dev/zero "${extra[@]}"
  expect_refused "is 17.0 MB" "$cmd" "$out/huge.toml" "${extra[@]}"
  expect_refused "is a directory" "$cmd" "$out/folder.toml" "${extra[@]}"
done
echo "ok"
