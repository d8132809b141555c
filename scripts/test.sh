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
# STRATA_SANITIZE=1: then the engine's suites under ASan + UBSan and each
# fuzz target for 60 s (docs/SECURITY.md). Off by default until one whole
# clang run has passed here: the sanitizer build has not yet completed once.
if [ "${STRATA_SANITIZE:-0}" = 1 ]; then
  scripts/sanitize.sh
fi
