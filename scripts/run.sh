#!/usr/bin/env bash
# One command on a fresh Debian 12: install what is missing, build, and run
# Strata on its built-in default (base images made from busybox-static, no
# network): the desktop app where there is a display, else the CLI tour.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
build=${STRATA_BUILD_DIR:-build}
strata="$build/engine/cli/strata"
"$strata" images
echo
"$strata" image layers strata/demo-web:1.0
echo
"$strata" image tree strata/demo-web:1.0
if [ -x "$build/gui/strata-gui" ]; then
  if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    exec "$build/gui/strata-gui" "$@"
  fi
  exec xvfb-run -a "$build/gui/strata-gui" "$@"
fi
