#!/usr/bin/env bash
# Builds newsdex with AddressSanitizer and UndefinedBehaviorSanitizer and
# runs the whole test suite (CTest: unit, end-to-end, reliability and kill
# tests) on those binaries. Any sanitizer report fails the run.
#
# Usage: scripts/sanitize.sh [extra ctest arguments]
# Environment: NEWSDEX_ASAN_BUILD_DIR (default build-asan).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${NEWSDEX_ASAN_BUILD_DIR:-build-asan}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  # -O1: fast enough, and reports still point at the right lines.
  cmake -S . -B "$build_dir" -DNEWSDEX_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)"

# halt_on_error/abort: a report is a failed test, never a warning lost in
# the output. Leaks are reported at exit (processes killed by the kill test
# and the reliability tests never reach it, which is fine).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Leaks inside the system's libxapian, each with a reproduction: fuzz/lsan.supp.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0}
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" --timeout 1800 "$@"
