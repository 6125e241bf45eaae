#!/usr/bin/env bash
# Sets newsdex up on a fresh Debian machine: installs the Debian packages it
# needs, builds a Release build in build/, indexes the bundled corpus/ into
# ./newsdex.db, and shows what was indexed and a few sample searches.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

echo "== building (Release) in build/"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
echo "   build/bin/newsdex-index and build/bin/newsdex-search are ready"

# corpus/dumps/events.tsv is an events-log export whose text and date columns
# are called notes and event_date: map them (other dumps keep their names).
echo
echo "== indexing corpus/ into ./newsdex.db"
build/bin/newsdex-index --db newsdex.db \
  --field text=notes --field date=event_date --field id=event_id corpus/

echo
echo "== what was indexed"
build/bin/newsdex-index --db newsdex.db --stats

run() {
  echo
  echo "\$ newsdex-search $*"
  build/bin/newsdex-search --db newsdex.db --format text "$@" || true
}
echo
echo "== sample searches"
run --limit 3 drone strike Kidal
run --limit 3 --from 2024-03 --to 2024-03 actor:Wagner
run --count 'actor:JNIM place:Mopti'
run --limit 0 --facets actor,year 'MINUSMA withdrawal'
