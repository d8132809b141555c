#!/usr/bin/env bash
# The engine and its test suites under AddressSanitizer + UBSan, and the
# libFuzzer targets (tests/fuzz), built with clang in a directory of their
# own (build-asan/, no GUI) and run with CTest. scripts/test.sh runs this
# after the main suites (STRATA_SANITIZE=0 skips it); STRATA_FUZZ_SECONDS
# bounds each fuzz target (default 60). Each phase prints its wall time
# (docs/SECURITY.md records the cold figures).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${STRATA_ASAN_BUILD_DIR:-build-asan}
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1 \
  CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
# -O0 with line tables only: stack traces keep file:line, and clang's
# codegen at -O0 costs less than half its -O1 with ASan on this code (the
# compile dominates the sanitizer part's time on 2 cores; the suites are
# bound by processes and the kernel, not by the engine's own CPU).
# Configuring every time is cheap and keeps the flags current.
CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_C_FLAGS="-O0 -gline-tables-only" -DCMAKE_CXX_FLAGS="-O0 -gline-tables-only" \
  -DSTRATA_BUILD_GUI=OFF -DSTRATA_SANITIZE=ON -DSTRATA_FUZZ=ON \
  -DSTRATA_FUZZ_SECONDS="${STRATA_FUZZ_SECONDS:-60}" >/dev/null
phase() { echo "sanitize.sh: $1 took $(( (SECONDS - $2) / 60 )) min $(( (SECONDS - $2) % 60 )) s" >&2; }
start=$SECONDS
cmake --build "$build" -j "$(nproc)"
phase "the ASan+UBSan build" "$start"
# halt_on_error: a finding fails the suite that made it, with its stack.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export LSAN_OPTIONS=suppressions="$PWD/tests/fuzz/lsan.supp"
status=0
start=$SECONDS
exclude=()
[ -z "${STRATA_SANITIZE_EXCLUDE:-}" ] || exclude=(-LE "$STRATA_SANITIZE_EXCLUDE")
ctest --test-dir "$build/tests/engine" --output-on-failure -j 2 "${exclude[@]}" || status=$?
phase "the engine suites under ASan+UBSan" "$start"
start=$SECONDS
ctest --test-dir "$build/tests/fuzz" --output-on-failure || status=$?
phase "the fuzz targets" "$start"
exit "$status"
