#!/usr/bin/env bash
# Measures the identity layer in a release build: PBKDF2-HMAC-SHA256 time per password hash at
# several iteration counts (to choose the count for about 100 ms of one core), and the time of
# one-time code verification and session checks through the service on SQLite (target: under
# 1 ms). Prints the figures recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build}

swift build -c release --product sakura-bench --scratch-path "$scratch"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -r), $(date -u +%Y-%m-%d)"
"$scratch/release/sakura-bench" identity
