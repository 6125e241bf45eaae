#!/usr/bin/env bash
# Where does newsdex-index spend its time?  (see bench/README.md, "Profile")
#
#   bench/profile.sh [ARTICLES.jsonl]     default: the prepared reuters21578
#   PROFILE_COMMIT=10b0277 bench/profile.sh   profile that commit instead of HEAD
#
# 1. perf: one indexing run under `perf record --call-graph dwarf`; prints
#    the CPU split by library and the newsdex frames that own the time
#    (libxapian's internal symbols are hidden, so its time is attributed to
#    the newsdex function that called into it).
# 2. Ablations, because perf cannot name Xapian's internals: HEAD is exported
#    (git archive) to a scratch dir, bench/profile-ablations.patch adds three
#    environment switches, and the same input is indexed with each:
#      NDX_ABL_NO_SPELLING   skip WritableDatabase::add_spelling
#      NDX_ABL_NO_POSITIONS  index_text_without_positions
#      NDX_ABL_NO_WRITE      skip add_document and add_spelling (read+analysis only)
#    The differences in wall and CPU time are the cost of each part.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
base="${BENCH_WORK:-/tmp/newsdex-bench}"
input="${1:-$base/full/data/reuters21578.jsonl}"
[ -f "$input" ] || { echo "profile.sh: $input missing: run bench/run.sh first (or pass a .jsonl)" >&2; exit 2; }

# PROFILE_COMMIT: profile another commit than HEAD (e.g. the benchmarked one).
commit="$(git -C "$repo" rev-parse --short "${PROFILE_COMMIT:-HEAD}")"
src="$base/profile-src-$commit"
if [ ! -d "$src" ]; then
    rm -rf "$src.tmp"; mkdir -p "$src.tmp"
    git -C "$repo" archive "$commit" | tar -x -C "$src.tmp"
    patch -s -d "$src.tmp" -p1 < "$here/profile-ablations.patch" || {
        echo "profile.sh: profile-ablations.patch does not apply to $commit: redo its three" \
             "small edits (index_writer.cc, analyzer.cc) and regenerate it" >&2; exit 2; }
    mv "$src.tmp" "$src"
fi
cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$src/build" -j"$(nproc)" --target newsdex-index >/dev/null
bin="$src/build/bin/newsdex-index"
db="$base/profile.db"

echo "== perf: $bin on $input"
rm -rf "$db"
perf record -q -F 499 --call-graph dwarf,16384 -o "$base/perf.data" -- \
    "$bin" --db "$db" --quiet --summary-json --keep-duplicates "$input" >/dev/null
perf report -i "$base/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null |
    grep -v '^#' | grep -v '^$' | head -8 || true  # head closes the pipe early
perf report -i "$base/perf.data" --children --sort sym --stdio -g none 2>/dev/null |
    grep -v '^#' | grep 'newsdex::\|Xapian::\|deflate' | head -15 || true

echo "== ablations (wall s, user+sys CPU s, peak RSS KB)"
for switch in none NDX_ABL_NO_SPELLING NDX_ABL_NO_POSITIONS NDX_ABL_NO_WRITE; do
    rm -rf "$db"
    env ${switch/none/NDX_ABL_NONE}=1 /usr/bin/time -f "$switch %e s wall, %U+%S s CPU, %M KB" \
        "$bin" --db "$db" --quiet --keep-duplicates "$input" 2>&1 >/dev/null | tail -1
done
rm -rf "$db"
