#!/usr/bin/env bash
# One command on a fresh Debian 12: install what is missing, build, and run
# every test suite (CTest). Suites needing root or kernel features skip with
# the reason where the kernel refuses.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
build=${STRATA_BUILD_DIR:-build}
ctest --test-dir "$build" --output-on-failure -j 2 "$@"
# Then the engine's suites under ASan + UBSan and each fuzz target for 60 s
# (scripts/sanitize.sh, docs/SECURITY.md); a finding fails this script.
# STRATA_SANITIZE=0 skips that part (about 14 min more on 2 cores with a
# cold ccache, docs/SECURITY.md).
if [ "${STRATA_SANITIZE:-1}" != 0 ]; then
  scripts/sanitize.sh
fi
