#!/usr/bin/env bash
# Measures indexing time, peak RSS and database size of newsdex-index for
# several --commit-every values (how the default was chosen; README,
# "Reliability"). Each value indexes the same input into a fresh database.
#
# Usage: scripts/measure-commit-every.sh [INPUT] [VALUES...]
#   INPUT   default: the first 200,000 Reuters headlines of 2013 from
#           ../shared/corpora/reuters-headlines (skips when absent)
#   VALUES  default: 1000 5000 20000 50000 200000
# Environment: NEWSDEX_BIN (default build/bin), RUNS (default 1),
#   XAPIAN_FLUSH_THRESHOLD (passed through to Xapian).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=${NEWSDEX_BIN:-build/bin}
runs=${RUNS:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

input=${1:-}
if [ -z "$input" ]; then
  gz=../shared/corpora/reuters-headlines/reuters-headlines-2013.jsonl.gz
  [ -f "$gz" ] || { echo "measure-commit-every: $gz absent, give an INPUT" >&2; exit 0; }
  input=$work/headlines-200k.jsonl
  zcat "$gz" | head -n 200000 >"$input" || true
fi
shift || true
values=("$@")
[ ${#values[@]} -gt 0 ] || values=(1000 5000 20000 50000 200000)

articles=$(wc -l <"$input")
printf '%s articles from %s; %s run(s) each; XAPIAN_FLUSH_THRESHOLD=%s; load %s\n' \
  "$articles" "$input" "$runs" "${XAPIAN_FLUSH_THRESHOLD:-default}" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-14s %8s %8s %10s %10s %12s %8s %8s\n' commit-every wall_s cpu_s articles/s commit_s peak_RSS_MB DB_MB commits
for n in "${values[@]}"; do
  for ((r = 1; r <= runs; r++)); do
    rm -rf "$work/db"
    /usr/bin/time -f '%e %M %U %S' -o "$work/time" \
      "$bin/newsdex-index" --quiet --summary-json --commit-every "$n" --db "$work/db" "$input" >"$work/summary" 2>/dev/null || true
    read -r wall rss_kb user sys <"$work/time"
    commits=$(grep -o '"commits":[0-9]*' "$work/summary" | cut -d: -f2)
    commit_s=$(grep -o '"commit_s":[0-9.e-]*' "$work/summary" | cut -d: -f2)
    db_mb=$(du -sm "$work/db" | cut -f1)
    awk -v n="$n" -v w="$wall" -v u="$user" -v s="$sys" -v a="$articles" -v cs="$commit_s" -v r="$rss_kb" -v d="$db_mb" -v c="$commits" \
      'BEGIN { printf "%-14s %8.1f %8.1f %10.0f %10.1f %12.0f %8s %8s\n", n, w, u + s, a / w, cs, r / 1024, d, c }'
  done
done
