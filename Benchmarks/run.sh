#!/usr/bin/env bash
# Builds Parley as it is shipped (release, Swift runtime linked in) and compares it with curl on
# the same local server (Benchmarks/bench.py). The first build takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --static-swift-stdlib --product parley --scratch-path .build-static >/dev/null
python3 Benchmarks/bench.py .build-static/release/parley "${1:-11}"
# A 100 MB and a 1 GB reply: throughput and peak memory (appended to the same RESULTS.md entry).
python3 Benchmarks/gigabyte.py .build-static/release/parley 100 1000 --record
