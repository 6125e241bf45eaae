#!/usr/bin/env bash
# Debian packages the benchmark needs on top of newsdex's own
# (scripts/install-deps.sh): the peers and the measuring tools.
#   xapian-omega   omindex and quest (the Omega peer)
#   python3-xapian the Xapian library from Python (the raw-Xapian peer;
#                  only for /usr/bin/python3, not a pyenv/venv python)
#   python3        its sqlite3 module is the FTS5 peer (Debian's SQLite has FTS5)
#   sqlite3        the sqlite3 shell, to inspect the FTS5 databases
#   time           /usr/bin/time -v / -f %M: peak RSS
#   linux-perf     perf, for bench/profile.sh
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends \
    xapian-omega python3-xapian python3 sqlite3 time linux-perf
