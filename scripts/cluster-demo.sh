#!/usr/bin/env bash
# Sharded and remote search on one machine, the way it runs on several
# (README, "Shards and remote search"): index a corpus into N shard
# databases, serve each shard with its own xapian-tcpsrv on a loopback port,
# search them as one collection through a Xapian stub file and through
# repeated --db tcp://HOST:PORT, compare with the same corpus in one
# database, and stop the servers.
#
#   scripts/cluster-demo.sh [--shards N] [--bin DIR] [--keep] [PATH...]
#
# PATH: files or directories to index (default: the bundled corpus's
# articles and dumps, without events.tsv, which needs --field options).
# --keep leaves the work directory (databases, stub file, server logs).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
shards=2
bin="$here/build/bin"
keep=0
inputs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --shards) shards=$2; shift 2 ;;
    --bin) bin=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) inputs+=("$1"); shift ;;
  esac
done
if [ ${#inputs[@]} -eq 0 ]; then
  inputs=("$here/corpus/articles" "$here/corpus/dumps/wire-2023.jsonl"
          "$here/corpus/dumps/monitor-2024.csv" "$here/corpus/dumps/archive-2022.jsonl.gz")
fi
die() { echo "cluster-demo: $*" >&2; exit 2; }
command -v xapian-tcpsrv >/dev/null || die "xapian-tcpsrv not found (apt-get install xapian-tools)"
[ -x "$bin/newsdex-index" ] && [ -x "$bin/newsdex-search" ] || die "no binaries in $bin (build first, or --bin DIR)"

work=$(mktemp -d "${TMPDIR:-/tmp}/newsdex-cluster.XXXXXX")
pids=()
cleanup() {
  # Each server runs in its own session (setsid): on SIGTERM xapian-tcpsrv
  # signals its whole process group, which must not be this script's.
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$keep" = 1 ]; then echo "cluster-demo: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

echo "== 1. index: one database, and $shards shards"
"$bin/newsdex-index" --quiet --db "$work/single.db" "${inputs[@]}"
# The indexer writes the shards (hash of the article ID), the spelling
# sidecar $work/sharded/spelling (the collection's "did you mean" table, no
# articles) and a stub file listing them all, $work/sharded/XAPIANDB; each
# is a newsdex database.
"$bin/newsdex-index" --quiet --db "$work/sharded" --shard-by "hash:$shards" "${inputs[@]}"
mapfile -t shard_dbs < <(find "$work/sharded" -mindepth 1 -maxdepth 1 -type d ! -name '.*' ! -name spelling | sort)
for db in "$work/single.db" "${shard_dbs[@]}"; do "$bin/newsdex-index" --stats --db "$db" | head -1; done

echo "== 2. serve: one xapian-tcpsrv per shard on 127.0.0.1"
ports=()
start_server() {  # start_server DB: picks a free port, waits until it listens
  local db=$1 port log
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    log="$work/tcpsrv-$port.log"
    setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$db" >"$log" 2>&1 &
    local pid=$!
    for _ in $(seq 100); do  # up to 10 s
      if [ -f "$log" ] && grep -q Listening "$log"; then
        pids+=("$pid") ports+=("$port")
        echo "   $db on 127.0.0.1:$port (pid $pid)"
        return 0
      fi
      kill -0 "$pid" 2>/dev/null || break  # exited: port in use, try another
      sleep 0.1
    done
    kill "$pid" 2>/dev/null || true
  done
  die "xapian-tcpsrv did not start for $db (see $log)"
}
for db in "${shard_dbs[@]}"; do start_server "$db"; done
# Xapian's remote protocol carries no spelling data: the client stub also
# lists a local copy of the spelling sidecar (on other machines: replicate
# $work/sharded/spelling to each client, e.g. with xapian-replicate).
stub="$work/cluster.stub"
{ for port in "${ports[@]}"; do echo "remote 127.0.0.1:$port"; done
  echo "auto $work/sharded/spelling"; } >"$stub"
local_stub="$work/local.stub"  # the same shards opened directly, for comparison
{ for db in "${shard_dbs[@]}"; do echo "auto $db"; done
  echo "auto $work/sharded/spelling"; } >"$local_stub"
echo "   stub file $stub:"; sed 's/^/     /' "$stub"
tcp_dbs=()
for port in "${ports[@]}"; do tcp_dbs+=(--db "tcp://127.0.0.1:$port"); done

echo "== 3. search through the servers"
same=0 differ=0
for query in 'drone strike Kidal' 'actor:Wagner' '"armed groups" date:2023' 'MINUSMA withdrawal'; do
  for order in relevance newest; do
    ids() { "$bin/newsdex-search" "$@" --ids --sort "$order" --limit 20 "$query" || true; }
    single=$(ids --db "$work/single.db")
    local=$(ids --db "$local_stub")
    remote=$(ids --db "$stub")
    remote_tcp=$(ids "${tcp_dbs[@]}")
    if [ "$single" = "$local" ] && [ "$local" = "$remote" ] && [ "$remote" = "$remote_tcp" ]; then
      same=$((same + 1))
    else
      differ=$((differ + 1))
      echo "   differs: --sort $order '$query'"
    fi
  done
done
"$bin/newsdex-search" --db "$stub" --format text --no-color --limit 3 --facets actor,year 'drone strike Kidal'
facets() { "$bin/newsdex-search" "$@" --format jsonl --limit 0 --facets actor 'Kidal OR Gao' | grep -o '"facets":{[^]]*]'; }
echo "   facets, shards opened locally: $(facets --db "$local_stub")"
echo "   facets, shards through servers: $(facets --db "$stub")"
echo "   facets, one database:          $(facets --db "$work/single.db")"
echo "   $same of $((same + differ)) rankings identical: one database, shards opened locally, stub of servers, tcp:// list"
suggest() { "$bin/newsdex-search" "$@" --format jsonl --limit 0 'Kidl convoi' | grep -o '"suggestion":[^,}]*'; }
echo "   did you mean, one database:          $(suggest --db "$work/single.db")"
echo "   did you mean, servers + sidecar stub: $(suggest --db "$stub")"
echo "   did you mean, tcp:// shards only:     $(suggest "${tcp_dbs[@]}")"
printf 'drone\nactor:JNIM place:Mopti\nKidal OR Gao\n' | "$bin/newsdex-search" --db "$stub" --batch - --jobs 2 --limit 1 \
  | sed 's/"hits".*"total"/… "total"/' | cut -c1-150

echo "== 4. stop the servers"
