#!/usr/bin/env bash
# Installs the Debian packages newsdex needs to build, test and benchmark,
# skipping those already installed. Uses sudo when not run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools          # Xapian library, xapian-check/xapian-compact
  libboost-program-options-dev        # option parsing
  libstemmer-dev                      # Snowball stemmers
  doctest-dev                         # unit tests
  nlohmann-json3-dev                  # JSON
  zlib1g-dev                          # gzip'd dumps
  libdeflate-dev                      # the stored article texts (faster than zlib for whole buffers)
  libjemalloc-dev                     # the indexer's malloc (faster with Xapian's many small maps)
  clang libclang-rt-14-dev            # fuzzing: clang++ -fsanitize=fuzzer (scripts/fuzz.sh)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
