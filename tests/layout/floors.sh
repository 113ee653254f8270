#!/usr/bin/env bash
# The house's floors (README.md, "Layout"; issue 16): a folder includes only
# itself and the floors below it. Fails, naming file and line, when a file
# includes a folder above its own.
#
#   scenarios  <- geometry <- solver <- cuda, io <- viz <- app
#
# and inside scenarios/, its rooms:
#
#   model <- toml <- generic, builds <- sweeps, any_scenario.*
#
# Usage: floors.sh SOURCE_DIR
set -u
root=${1:?usage: floors.sh SOURCE_DIR}
cd "$root" || exit 2

declare -A allowed=(
  [scenarios]="scenarios"
  [geometry]="geometry scenarios"
  [solver]="solver geometry scenarios"
  [cuda]="cuda solver geometry scenarios"
  [io]="io solver geometry scenarios"
  [viz]="viz io solver geometry scenarios"
)
# Known rooms still on the wrong floor, to move (issue 16): FILE:FOLDER.
known=()

bad=0
for folder in "${!allowed[@]}"; do
  while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    target=$(sed -E 's/.*#include "([a-z_]+)\/.*/\1/' <<<"$rest")
    case " ${allowed[$folder]} " in *" $target "*) continue ;; esac
    # Only the project's own folders are floors (not <toml++/...> and the like).
    [[ -d "$target" && -f "$target/CMakeLists.txt" ]] || continue
    if ((${#known[@]})) && printf '%s\n' "${known[@]}" | grep -qx "$file:$target"; then continue; fi
    echo "$file:$line: $folder/ includes $target/, a floor above it (allowed: ${allowed[$folder]})"
    bad=1
  done < <(grep -rnE '^#include "[a-z_]+/' --include='*.hpp' --include='*.cpp' --include='*.cu' \
             --include='*.cuh' "$folder")
done
# The rooms of scenarios/ (scenarios/README.md); files at its top level
# (any_scenario.*) may include every room.
declare -A room_allowed=(
  [model]="model"
  [toml]="toml model"
  [generic]="generic toml model"
  [builds]="builds toml model"
  [sweeps]="sweeps builds generic toml model"
)
for room in "${!room_allowed[@]}"; do
  while IFS= read -r hit; do
    file=${hit%%:*}
    rest=${hit#*:}
    line=${rest%%:*}
    target=$(sed -E 's/.*#include "scenarios\/([a-z_]+)\/.*/\1/' <<<"$rest")
    case " ${room_allowed[$room]} " in *" $target "*) continue ;; esac
    echo "$file:$line: scenarios/$room/ includes scenarios/$target/ (allowed: ${room_allowed[$room]})"
    bad=1
  done < <(grep -rnE '^#include "scenarios/[a-z_]+/' --include='*.hpp' --include='*.cpp' \
             "scenarios/$room")
done
for k in ${known[@]+"${known[@]}"}; do
  f=${k%%:*}
  [[ -f "$f" ]] && grep -q "#include \"${k#*:}/" "$f" ||
    { echo "$k is listed as a known exception but no longer is one: remove it from the list"; bad=1; }
done
((bad)) && exit 1
echo "floors hold: ${!allowed[*]}; rooms of scenarios/ hold: ${!room_allowed[*]}"
