#!/usr/bin/env bash
# The engine and its test suites under AddressSanitizer + UBSan, and the
# libFuzzer targets (tests/fuzz), built with clang in a directory of their
# own (build-asan/, no GUI) and run with CTest. scripts/test.sh runs this
# after the main suites when STRATA_SANITIZE=1; STRATA_FUZZ_SECONDS bounds
# each fuzz target (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${STRATA_ASAN_BUILD_DIR:-build-asan}
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1 \
  CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DSTRATA_BUILD_GUI=OFF -DSTRATA_SANITIZE=ON -DSTRATA_FUZZ=ON \
    -DSTRATA_FUZZ_SECONDS="${STRATA_FUZZ_SECONDS:-60}" >/dev/null
fi
cmake --build "$build" -j "$(nproc)"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir "$build/tests/engine" --output-on-failure -j 2
ctest --test-dir "$build/tests/fuzz" --output-on-failure -j 2
