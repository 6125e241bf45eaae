#!/usr/bin/env bash
# The benchmark's single entry point (see bench/README.md).
#
#   bench/run.sh [--quick] [--corpus NAME]...
#
# NAME: reuters21578, headlines-250k, headlines-830k, speeches, scale, or one
# scale size (scale-10k, scale-100k, scale-1m; quick: scale-2k, scale-10k).
# Builds newsdex (Release) from the checkout's HEAD commit (git archive, so
# uncommitted edits are not measured) under $BENCH_WORK, unless $NEWSDEX_BIN
# names a directory holding newsdex-index and newsdex-search; prepares the inputs under
# $BENCH_WORK (default /tmp/newsdex-bench; never inside the repo), measures,
# and writes bench/out/results-DATE[-quick].md (printed) and raw-DATE*.json.
# Repetitions: $BENCH_RUNS (default 3; quick 1) for most corpora and
# $BENCH_BIG_RUNS (default 1) for headlines-830k and scale-1m.  --xapian-1m
# adds the Xapian library peer at 1M (left out by default: ~20 min).
# --part NAME: measure (some corpora) into raw-DATE-part-NAME.json; the report
# of the day then pools it with raw-DATE.json (e.g. the 1M size run apart).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
py=/usr/bin/python3  # Debian's python: it has the xapian module

quick=0
part=""
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --corpus) args+=(--corpus "$2"); shift ;;
        --corpus=*) args+=(--corpus "${1#--corpus=}") ;;
        --xapian-1m) args+=(--xapian-1m) ;;
        --part) part="$2"; shift ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done

for tool in omindex quest /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool missing: run bench/install-deps.sh" >&2; exit 2; }
done
$py -c 'import xapian, sqlite3' 2>/dev/null ||
    { echo "run.sh: $py lacks the xapian module: run bench/install-deps.sh" >&2; exit 2; }

base="${BENCH_WORK:-/tmp/newsdex-bench}"
commit="$(git -C "$repo" rev-parse --short HEAD)"
if [ -z "${NEWSDEX_BIN:-}" ]; then
    # Measure exactly the committed HEAD (others may be mid-edit in the work
    # tree): export it with git archive, build it Release, reuse the build.
    src="$base/src-$commit"
    if [ ! -d "$src" ]; then
        mkdir -p "$src.tmp"
        git -C "$repo" archive HEAD | tar -x -C "$src.tmp"
        mv "$src.tmp" "$src"
    fi
    build="$src/build"
    cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build" -j"$(nproc)" --target newsdex-index newsdex-search >/dev/null
    NEWSDEX_BIN="$build/bin"
fi

stamp="$(date +%F)"
if [ $quick = 1 ]; then
    work="$base/quick"; stamp="$stamp-quick"; runs="${BENCH_RUNS:-1}"; mode=(--quick)
else
    work="$base/full"; runs="${BENCH_RUNS:-3}"; mode=()
fi
out="$here/out"
mkdir -p "$out" "$work"
raw="$out/raw-$stamp.json"
machine="$out/machine-$stamp.md"
if [ -n "$part" ]; then
    raw="$out/raw-$stamp-part-$part.json"
    machine="$out/machine-$stamp-part-$part.md"
fi

# The machine, written before the run so the load at the start is recorded.
if [ -n "$part" ]; then
    echo "- part $part: bench/run.sh ${args[*]:-} --part $part, started $(date '+%H:%M %Z'), load average at start $(cut -d' ' -f1-3 /proc/loadavg)" > "$machine"
else {
    echo "# newsdex benchmark, $(date '+%F %H:%M %Z')"
    echo
    echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'),"\
         "$(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
    echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) (the machine is shared: medians and same-run ratios)"
    echo "- newsdex: commit $commit, binaries $NEWSDEX_BIN"
    echo "- peers: Xapian $(xapian-config --version | awk '{print $NF}'), $(omindex --version | head -1), SQLite $($py -c 'import sqlite3; print(sqlite3.sqlite_version)'), $($py --version)"
    echo "- command: bench/run.sh $([ $quick = 1 ] && echo --quick) ${args[*]:-} (BENCH_RUNS=$runs BENCH_BIG_RUNS=${BENCH_BIG_RUNS:-1})"
} > "$machine"
fi

$py "$here/measure.py" --work "$work" --bin "$NEWSDEX_BIN" --raw "$raw" \
    --runs "$runs" --big-runs "${BENCH_BIG_RUNS:-1}" "${mode[@]}" "${args[@]}"
echo "- load average at end${part:+ of part $part}: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$machine"
# The day's report pools the main run with its parts.
shopt -s nullglob
raws=("$out/raw-$stamp.json" "$out"/raw-"$stamp"-part-*.json)
mds=("$out/machine-$stamp.md" "$out"/machine-"$stamp"-part-*.md)
[ -f "${raws[0]}" ] || raws=("${raws[@]:1}")
[ -f "${mds[0]}" ] || mds=("${mds[@]:1}")
$py "$here/report.py" "${raws[@]}" "${mds[@]}" > "$out/results-$stamp.md"
cat "$out/results-$stamp.md"
echo "written: $out/results-$stamp.md" >&2
