#!/usr/bin/env bash
# Kill test: newsdex-index killed with SIGKILL at random moments must always
# leave a database that opens, passes xapian-check and holds exactly the
# articles of its last commit; rerunning the same command must finish the
# job with the same final state as an uninterrupted run.
#
# Usage: scripts/kill-test.sh [--bin DIR] [--kills N] [--articles N]
#                             [--commit-every N] [--seed N] [--keep]
#   --bin DIR         where newsdex-index and newsdex-search are (default build/bin)
#   --kills N         kills to survive (default 20)
#   --articles N      size of the generated corpus (default 4000)
#   --commit-every N  passed to newsdex-index (default 150: many commit points)
#   --seed N          seed of the corpus and of the kill delays (default 20240320)
#   --keep            keep the work directory (printed) for inspection
#
# How it checks "exactly the articles of the last commit": the indexer
# commits after every N articles it reads (counting unchanged and duplicate
# ones) and at the end, so after a kill the database must hold exactly the
# IDs kept among the first k*N articles in input order, for some k, or all of
# them. The generator writes that order (with which articles are exact
# duplicates, skipped) to a manifest. Run by CTest (see CMakeLists.txt).
set -euo pipefail

bin=build/bin
kills=20
articles=4000
commit_every=150
seed=20240320
keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --articles) articles=$2; shift 2 ;;
    --commit-every) commit_every=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "kill-test: unknown argument $1" >&2; exit 2 ;;
  esac
done
bin=$(cd "$bin" && pwd)
for tool in "$bin/newsdex-index" "$bin/newsdex-search"; do
  [ -x "$tool" ] || { echo "kill-test: $tool not found (build first, or give --bin)" >&2; exit 2; }
done
command -v xapian-check >/dev/null || { echo "kill-test: xapian-check not found (Debian package xapian-tools)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-kill-test.XXXXXX")
work=$(cd "$work" && pwd -P)
if [ "$keep" = 1 ]; then echo "kill-test: work directory $work"; else trap 'rm -rf "$work"' EXIT; fi
corpus=$work/corpus
mkdir -p "$corpus"

fail() {
  echo "kill-test: FAILED: $*" >&2
  [ "$keep" = 1 ] || echo "kill-test: (rerun with --keep to inspect the databases)" >&2
  exit 1
}

# --- the corpus ---------------------------------------------------------------
# Seeded (Park-Miller LCG: the same corpus with mawk and gawk): JSON Lines
# files, a CSV file and text files with header blocks, in names that sort in
# the order written. About 1 in 60 articles repeats an earlier article's
# title and text under a new ID (an exact duplicate, skipped); the last file
# re-sends 40 earlier IDs with new text (replacements).
awk -v n="$articles" -v seed="$seed" -v dir="$corpus" -v manifest="$work/manifest" '
function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
function pick(a, k) { return a[int(rnd() * k) + 1] }
function sentence(   s, w, i, len) {
  len = 8 + int(rnd() * 14)
  s = pick(cap, ncap)
  for (i = 2; i <= len; i++) {
    w = rnd() < 0.12 ? pick(names, nnames) : pick(words, nwords)
    s = s " " w
  }
  return s "."
}
function body(   t, i, k) { k = 6 + int(rnd() * 10); t = sentence(); for (i = 2; i <= k; i++) t = t " " sentence(); return t }
function date(   y, m, d) { y = 2019 + int(rnd() * 6); m = 1 + int(rnd() * 12); d = 1 + int(rnd() * 28); return sprintf("%04d-%02d-%02d", y, m, d) }
function csvq(s) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
function emit(format, id, title, dt, src, text, kept,   f) {
  if (format == "jsonl") {
    f = sprintf("%s/part-%02d.jsonl", dir, int(count / 500))
    printf "{\"id\":\"%s\",\"title\":\"%s\",\"date\":\"%s\",\"source\":\"%s\",\"text\":\"%s\"}\n", id, title, dt, src, text > f
  } else if (format == "last") {
    f = dir "/part-99-updates.jsonl"
    printf "{\"id\":\"%s\",\"title\":\"%s\",\"date\":\"%s\",\"source\":\"%s\",\"text\":\"%s\"}\n", id, title, dt, src, text > f
  } else if (format == "csv") {
    f = dir "/part-80.csv"
    if (!csv_header++) print "id,title,date,source,text" > f
    print id "," csvq(title) "," dt "," csvq(src) "," csvq(text) > f
  } else {
    f = sprintf("%s/part-90-text-%04d.txt", dir, ++ntext)
    printf "id: %s\ntitle: %s\ndate: %s\nsource: %s\n\n%s\n", id, title, dt, src, text > f
    close(f)
  }
  print id "\t" kept > manifest
  count++
}
BEGIN {
  nwords = split("the a of in on and to said forces army attack convoy village market town road " \
    "killed wounded civilians soldiers fighters drone strike camp base patrol ambush mine " \
    "checkpoint northern central region officials witnesses reported displaced humanitarian " \
    "aid talks ceasefire election junta transition security government troops operation " \
    "clashes militants herders farmers water food prices schools closed mission withdrawal " \
    "peace agreement armed groups local sources residents motorbikes gunmen", words, " ")
  ncap = split("Residents Officials Witnesses Soldiers Fighters Local The Security Aid Gunmen", cap, " ")
  nnames = split("FAMa JNIM MINUSMA Wagner CSP ECOWAS Barkhane Kidal Gao Timbuktu Mopti Bamako " \
    "Menaka Segou Niono Djenne Bandiagara Ansongo Tessalit Niger Burkina", names, " ")
  nsrc = split("Sahel_Monitor Bamako_Daily Niger_Wire Studio_Tamani Radio_Kledu", sources, " ")
  count = 0
  for (i = 1; i <= n; i++) {
    id = sprintf("k-%05d", i)
    if (i > 100 && rnd() < 1 / 60) {
      j = 1 + int(rnd() * (i - 1))  # an exact duplicate of an earlier article
      title = T[j]; text = X[j]
      kept = 0
    } else {
      title = sentence(); sub(/\.$/, "", title)
      text = body()
      kept = 1
    }
    T[i] = title; X[i] = text
    if (kept) added[id] = 1
    src = pick(sources, nsrc); gsub(/_/, " ", src)
    r = i / n
    emit(r <= 0.85 ? "jsonl" : r <= 0.95 ? "csv" : "text", id, title, date(), src, text, kept)
  }
  for (k = 1; k <= 40; k++) {  # replacements: known IDs, new text
    id = sprintf("k-%05d", 1 + int(rnd() * n))
    j = substr(id, 3) + 0
    # The ID of a skipped duplicate is new: it gets added.
    emit("last", id, T[j], date(), "Sahel Monitor", body() " Updated.", added[id] ? 0 : 1)
    added[id] = 1
  }
}
' </dev/null
total=$(wc -l <"$work/manifest")
echo "kill-test: corpus of $total articles ($(du -sh "$corpus" | cut -f1)) in $(ls "$corpus" | wc -l) files, seed $seed"

index_cmd=("$bin/newsdex-index" --quiet --commit-every "$commit_every" --db)

# IDs the database must hold after the first m articles were committed.
expected_ids() { awk -v m="$1" 'NR <= m && $2 == 1 { print $1 }' "$work/manifest" | sort; }

db_ids() { "$bin/newsdex-search" --db "$1" --ids --limit 10000000 '' | sort; }

dump_state() {  # DB OUT: everything the final states are compared on
  db_ids "$1" >"$2.ids"
  "$bin/newsdex-search" --db "$1" --format tsv --limit 10000000 '' | cut -f2,4- | sort >"$2.hits"
  "$bin/newsdex-search" --db "$1" --format json --limit 0 --facet-limit 1000000 \
    --facets actor,place,month,year,source,lang '' | grep -v '"elapsed_ms"' >"$2.facets"
  "$bin/newsdex-index" --stats --summary-json --db "$1" | sed 's/"database":"[^"]*",//' >"$2.stats"
}

same_state() {  # A B: fail unless the dumps match
  for part in ids hits facets stats; do
    cmp -s "$1.$part" "$2.$part" || {
      diff "$1.$part" "$2.$part" | head -20 >&2
      fail "final state differs from the uninterrupted run ($part)"
    }
  done
}

# --- reference: one uninterrupted run -------------------------------------------
start=$(date +%s%N)
"${index_cmd[@]}" "$work/ref.db" "$corpus" 2>"$work/ref.err" || fail "reference run failed: $(cat "$work/ref.err")"
ref_ms=$((($(date +%s%N) - start) / 1000000))
dump_state "$work/ref.db" "$work/ref"
ref_count=$(wc -l <"$work/ref.ids")
[ "$ref_count" -eq "$(expected_ids "$total" | wc -l)" ] || fail "reference holds $ref_count articles, manifest says $(expected_ids "$total" | wc -l)"
[ -z "$(uniq -d "$work/ref.ids")" ] || fail "reference holds duplicate IDs"
echo "kill-test: uninterrupted run: $ref_count articles in ${ref_ms} ms, commit every $commit_every"

# Commit points: after every commit_every articles, and at the end.
points=()
for ((m = 0; m < total; m += commit_every)); do points+=("$m"); done
points+=("$total")

check_after_kill() {  # DB LABEL
  local db=$1 label=$2
  if [ ! -f "$db/iamglass" ]; then
    echo "kill-test: $label: killed before the database was created"
    return
  fi
  xapian-check "$db" >"$work/check.out" 2>&1 || { cat "$work/check.out" >&2; fail "$label: xapian-check failed"; }
  local stats count
  stats=$("$bin/newsdex-index" --stats --summary-json --db "$db") || fail "$label: the database does not open"
  count=$(echo "$stats" | grep -o '"articles":[0-9]*' | cut -d: -f2)
  if [ "$count" -eq 0 ]; then
    echo "kill-test: $label: xapian-check ok, 0 articles (no commit with articles yet)"
    return
  fi
  db_ids "$db" >"$work/now.ids"
  [ "$(wc -l <"$work/now.ids")" -eq "$count" ] || fail "$label: search lists $(wc -l <"$work/now.ids") articles, --stats $count"
  [ -z "$(uniq -d "$work/now.ids")" ] || fail "$label: duplicate IDs: $(uniq -d "$work/now.ids" | head -3)"
  local m
  for m in "${points[@]}"; do
    expected_ids "$m" >"$work/expected.ids"
    if cmp -s "$work/expected.ids" "$work/now.ids"; then
      # A rerun starts from the first article again, but what was committed
      # stays: the state never goes back to an earlier commit point.
      [ "$m" -ge "$last_point" ] || fail "$label: back to the commit after article $m from $last_point"
      last_point=$m
      echo "kill-test: $label: xapian-check ok, $count articles = the commit after article $m"
      return
    fi
  done
  fail "$label: the $count articles are not the articles of any commit point"
}

# --- kill, check, restart ----------------------------------------------------------
# Delays are seeded fractions of the expected run time: one in six within
# the first 0.3 s (creating and opening the database, the first commits),
# the others uniform over the whole run, so kills land between commits and
# during commits. The expected time starts as the uninterrupted run's and
# shrinks to the fastest complete run seen (the machine may be busy or not).
# A run that finishes before its kill is checked like the final state, and
# the next run starts afresh; kills are counted only when they hit a running
# indexer, until --kills have (at most 4x as many runs).
mapfile -t fractions < <(awk -v k="$((4 * kills))" -v seed="$seed" '
  function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647 }
  BEGIN { for (i = 0; i < k; i++) printf "%.4f\n", rnd() }')
db=$work/db
expected_ms=$ref_ms
survived=0 completed=0 last_point=0 runs=0
while [ "$survived" -lt "$kills" ] && [ "$runs" -lt "$((4 * kills))" ]; do
  runs=$((runs + 1))
  fraction=${fractions[$((runs - 1))]}
  if [ $((runs % 6)) -eq 2 ]; then
    delay=$(awk -v f="$fraction" 'BEGIN { printf "%.3f", f * 0.3 }')
  else
    delay=$(awk -v f="$fraction" -v ms="$expected_ms" 'BEGIN { printf "%.3f", f * ms / 1000 }')
  fi
  "${index_cmd[@]}" "$db" "$corpus" 2>"$work/run.err" &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null || true
  { wait "$pid"; } 2>/dev/null && status=0 || status=$?
  if [ "$status" -eq 137 ]; then
    survived=$((survived + 1))
    check_after_kill "$db" "kill $survived (run $runs) at ${delay}s"
  elif [ "$status" -eq 0 ]; then
    # Finished before the kill: the full state, then start afresh so later
    # kills still land mid-run.
    completed=$((completed + 1))
    dump_state "$db" "$work/done"
    same_state "$work/ref" "$work/done"
    took=$(sed -n 's/.* in \([0-9.]*\) s;.*/\1/p' "$work/run.err" | tail -1)
    echo "kill-test: run $runs finished (in ${took:-?} s) before its kill at ${delay}s: same state as uninterrupted; starting afresh"
    if [ -n "$took" ]; then  # every run reads and analyses everything
      expected_ms=$(awk -v t="$took" -v e="$expected_ms" 'BEGIN { t *= 1000; printf "%d", t < e ? t : e }')
    fi
    rm -rf "$db"
    last_point=0
  else
    tail -5 "$work/run.err" >&2
    fail "run $runs exited with status $status"
  fi
done

# --- finish the job: the same command once more ------------------------------------------
"${index_cmd[@]}" "$db" "$corpus" 2>>"$work/runs.err" || { tail -5 "$work/runs.err" >&2; fail "the final rerun failed"; }
xapian-check "$db" >/dev/null 2>&1 || fail "xapian-check failed after the final rerun"
dump_state "$db" "$work/final"
same_state "$work/ref" "$work/final"
[ "$survived" -ge "$kills" ] || fail "only $survived of $kills kills landed while the indexer ran ($runs runs)"
echo "kill-test: PASSED: $survived kills survived ($completed of $runs runs finished before their kill); final state equals the uninterrupted run ($ref_count articles, same IDs, hits and facet counts)"
