#!/usr/bin/env bash
# Builds a release Parley and compares it with curl on the same local server (Benchmarks/bench.py).
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product parley --scratch-path .build-release >/dev/null
python3 Benchmarks/bench.py .build-release/release/parley "${1:-11}"
