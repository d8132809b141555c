#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# tst_Layering: every #include "engine/..." must point at the file's own
# module or at one the table below allows. The table IS the layering
# (docs/ARCHITECTURE.md draws it): lowest first, and a module may only name
# modules above it in this list. A new module needs its own line here.
# Also: no Qt outside the Qt layers, CLI11 only in the CLI and the GUI.
set -uo pipefail
src=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$src" || exit 2

# module directory (files directly in it) -> what it may include besides itself.
# "Error" is engine/Error.h, the one header every layer shares; "Engine" the
# facade's public header; "facade" its private state (engine/facade/).
declare -A allow=(
  [engine/util]="Error"
  [engine/security]="Error"
  [engine/events]="Error util"
  [engine/layer]="Error util"
  [engine/store]="Error util layer"
  [engine/image]="Error util events layer store"
  [engine/fs]="Error util layer"
  [engine/fs/drivers]="Error util events layer fs"
  [engine/runtime]="Error util security"
  [engine/volume]="Error util events store fs fs/drivers runtime"
  [engine/container]="Error util events layer image fs fs/drivers runtime security volume"
  [engine/registry]="Error util image"
  [engine/build]="Error util events layer image runtime container registry"
  [engine/builtin]="Error util layer image"
  [engine/network]="Error util store runtime"
  [engine]="Error Engine util events layer store image fs fs/drivers runtime security volume container build builtin registry network"
  [engine/facade]="Error Engine facade util events layer store image fs fs/drivers runtime security volume container build builtin registry network"
  [engine/remote]="Error Engine util layer store image fs registry runtime"
  [engine/cli/format]="Error"
  [engine/lesson]="Error Engine util store image runtime"
  [engine/cli]="Error Engine util events layer store image fs security build registry remote network cli/format lesson"
)
# Directories whose files may include Qt / CLI11.
qt_ok='^(gui|tests)/'
cli11_ok='^(engine/cli|gui)/'

fail=0
say() { echo "$*"; fail=1; }

# Map an include path to the module name the table uses.
module_of() {
  local inc=$1
  case $inc in
    engine/Error.h) echo Error ;;
    engine/Engine.h) echo Engine ;;
    engine/*/*) local d=${inc#engine/}; echo "${d%/*}" ;;
    *) echo "?" ;;
  esac
}

while IFS= read -r -d '' dir; do
  rel=${dir#./}
  files=$(find "$rel" -maxdepth 1 -type f \( -name '*.cpp' -o -name '*.h' -o -name '*.c' \) | sort)
  [ -n "$files" ] || continue
  own=${rel#engine}; own=${own#/}
  if [ -z "${allow[$rel]+x}" ]; then
    say "$rel: module not in tests/layering/check_layers.sh's table (add a line naming what it may include)"
    continue
  fi
  for f in $files; do
    while IFS= read -r inc; do
      m=$(module_of "$inc")
      [ "$m" = "$own" ] && continue
      [ "$rel" = engine ] && [ "$m" = "?" ] && continue  # engine/*.h beside the facade
      ok=0
      for a in ${allow[$rel]}; do [ "$a" = "$m" ] && ok=1 && break; done
      [ "$m" = "?" ] && [ "$inc" != "${inc#engine/}" ] && ok=0
      [ $ok = 1 ] || say "$f: includes \"$inc\" ($m), which $rel may not use (allowed: ${allow[$rel]})"
    done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\(engine\/[^"]*\)".*/\1/p' "$f")
  done
done < <(find ./engine -type d -print0)

# No Qt in the engine, the CLI or the lessons; CLI11 only where the parser lives.
while IFS= read -r hit; do
  f=${hit%%:*}
  [[ $f =~ $qt_ok ]] || say "$hit: Qt outside the GUI"
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<Q' engine --include='*.cpp' --include='*.h')
while IFS= read -r hit; do
  f=${hit%%:*}
  [[ $f =~ $cli11_ok ]] || say "$hit: CLI11 outside engine/cli"
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<CLI/' engine --include='*.cpp' --include='*.h')

# Above the engine only Engine.h is the engine's door: its private state stays inside.
while IFS= read -r hit; do
  say "$hit: the engine's private state (engine/facade/) outside the facade"
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"engine/facade/' engine/cli engine/lesson engine/remote gui --include='*.cpp' --include='*.h' 2>/dev/null)

if [ $fail = 0 ]; then
  echo "PASS: every engine include follows the layering table"
  exit 0
fi
echo "FAIL: layering violated (see above)"
exit 1
