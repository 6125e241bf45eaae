#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (clang, with AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each for a bounded time, starting
# from its seed corpus fuzz/corpus/<target>/ and any saved crash inputs in
# fuzz/regressions/<target>/ (which are first replayed: they must pass).
#
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
#   SECONDS   per target (default $NEWSDEX_FUZZ_SECONDS, else 60)
#   TARGET    fuzz_text_reader fuzz_jsonl_reader fuzz_csv_reader fuzz_dates
#             fuzz_gazetteer fuzz_query fuzz_snippet (default: all)
# Environment: NEWSDEX_FUZZ_BUILD_DIR (default build-fuzz), NEWSDEX_FUZZ_JOBS
#   (targets run at once, default: the number of cores).
# New inputs found go to $NEWSDEX_FUZZ_BUILD_DIR/corpus/<target>/ (the seed
# corpora are not touched). A crash leaves its input in
# $NEWSDEX_FUZZ_BUILD_DIR/artifacts/: copy it to fuzz/regressions/<target>/
# and add a test to tests/fuzz_regression_test.cc, then fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-${NEWSDEX_FUZZ_SECONDS:-60}}
shift || true
build_dir=${NEWSDEX_FUZZ_BUILD_DIR:-build-fuzz}
jobs=${NEWSDEX_FUZZ_JOBS:-$(nproc)}

clangxx=$(command -v clang++-14 || command -v clang++ || true)
clangc=$(command -v clang-14 || command -v clang || true)
if [ -z "$clangxx" ]; then
  echo "fuzz: clang++ not found (Debian packages clang and libclang-rt-14-dev; scripts/install-deps.sh installs them)" >&2
  exit 2
fi
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  CC=$clangc CXX=$clangxx cmake -S . -B "$build_dir" -DNEWSDEX_FUZZ=ON -DBUILD_TESTING=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g" >/dev/null
fi
cmake --build "$build_dir" -j"$(nproc)" --target fuzzers

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in fuzz/fuzz_*.cc; do targets+=("$(basename "$source" .cc)"); done
fi

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Leaks inside the system's libxapian, each with a reproduction: fuzz/lsan.supp.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0}
mkdir -p "$build_dir/artifacts" "$build_dir/logs"

# Replays saved crash inputs (regression tests) and runs one target.
fuzz_one() {
  local target=$1 bin=$build_dir/bin/$1 log=$build_dir/logs/$1.log
  local work=$build_dir/corpus/$target regressions=fuzz/regressions/$target
  mkdir -p "$work"
  local max_len=4096
  case "$target" in *reader) max_len=16384 ;; esac
  # A fixed seed makes a run repeatable (NEWSDEX_FUZZ_SEED=0 for a random one).
  local options=(-seed="${NEWSDEX_FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len"
                 -print_final_stats=1 -artifact_prefix="$build_dir/artifacts/$target-")
  [ -f "fuzz/$target.dict" ] && options+=(-dict="fuzz/$target.dict")
  {
    if [ -d "$regressions" ] && [ -n "$(ls -A "$regressions")" ]; then
      echo "== replaying $regressions"
      "$bin" -runs=0 "$regressions"/* || { echo "REGRESSION"; return 1; }
    fi
    echo "== fuzzing $target for $seconds s"
    "$bin" "${options[@]}" "$work" "fuzz/corpus/$target"
  } >"$log" 2>&1
}

echo "fuzz: ${#targets[@]} targets, $seconds s each, $jobs at a time (logs in $build_dir/logs)"
pids=() failed=()
for target in "${targets[@]}"; do
  [ -x "$build_dir/bin/$target" ] || { echo "fuzz: no target $target" >&2; exit 2; }
  fuzz_one "$target" &
  pids+=("$!:$target")
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
done
for entry in "${pids[@]}"; do
  wait "${entry%%:*}" || failed+=("${entry#*:}")
done

printf '%-20s %12s %8s %8s %s\n' target executions exec/s corpus result
for target in "${targets[@]}"; do
  log=$build_dir/logs/$target.log
  execs=$(awk "/stat::number_of_executed_units:/ { n = \$2 } END { print n }" "$log")
  rate=$(awk "/stat::average_exec_per_sec:/ { n = \$2 } END { print n }" "$log")
  corpus=$(ls "$build_dir/corpus/$target" | wc -l)
  result=ok
  if printf '%s\n' "${failed[@]}" | grep -qx "$target"; then result="CRASH (see $log)"; fi
  printf '%-20s %12s %8s %8s %s\n' "$target" "${execs:-?}" "${rate:-?}" "$corpus" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]}" >&2
  for target in "${failed[@]}"; do
    grep -E 'ERROR|SUMMARY|Test unit written|REGRESSION' "$build_dir/logs/$target.log" | head -5 >&2
  done
  echo "fuzz: save each crash input under fuzz/regressions/<target>/ and add a test to tests/fuzz_regression_test.cc" >&2
  exit 1
fi
