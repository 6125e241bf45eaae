#!/usr/bin/env bash
# Builds newsdex if needed and runs the whole test suite through CTest, then
# (unless --quick) the same suite under AddressSanitizer and
# UndefinedBehaviorSanitizer and every fuzz target for a bounded time.
#
# Usage: scripts/test.sh [--quick] [extra ctest arguments]
#   (default)  what CI runs (.ci/run): the suite on a Release build in build/
#              (its kill test included), then scripts/sanitize.sh (build-asan/)
#              and scripts/fuzz.sh (build-fuzz/, $NEWSDEX_FUZZ_SECONDS, default
#              60 s per target). About 18 minutes on 2 cores from scratch.
#   --quick    the suite on the Release build only, skipping its slowest test
#              (the 50 MB article): a few minutes. Also NEWSDEX_QUICK=1.
# Extra arguments go to the Release suite's ctest (e.g. -R kill_test).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=${NEWSDEX_QUICK:-0}
[ "$quick" = 0 ] || quick=1
if [ "${1:-}" = "--quick" ]; then
  quick=1
  shift
fi

stage_start=$SECONDS
stage() {
  printf '\n== %s (%d s so far)\n' "$1" "$((SECONDS - stage_start))"
}

build_dir=${NEWSDEX_BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)"
if [ "$quick" = 1 ]; then
  NEWSDEX_TEST_QUICK=1 ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" "$@"
  echo "test: quick run passed (sanitizers and fuzzing skipped: run scripts/test.sh without --quick for all)"
  exit 0
fi
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)" "$@"

stage "the suite under AddressSanitizer + UndefinedBehaviorSanitizer (scripts/sanitize.sh)"
scripts/sanitize.sh

stage "fuzzing (scripts/fuzz.sh)"
scripts/fuzz.sh "${NEWSDEX_FUZZ_SECONDS:-60}"

printf '\ntest: all passed in %d s: Release suite, sanitizer suite, fuzzing\n' "$((SECONDS - stage_start))"
