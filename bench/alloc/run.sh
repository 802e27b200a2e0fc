#!/usr/bin/env bash
# Times the whole `allocate` command on the benchmark campaign: 100,000 students x 10 choices over
# 25,000 projects (capacities 3-5, Zipf-like popularity, supervisors with 1-3 projects).
# Usage: bench/alloc/run.sh [BUILD_DIR] [LATITUDES_BINARY]
#   BUILD_DIR defaults to build; the binary defaults to BUILD_DIR/latitudes, falling back to the
#   stand-alone BUILD_DIR/bench/alloc/latitudes_allocate_tool (same command code).
set -euo pipefail
BUILD=${1:-build}
BIN=${2:-$BUILD/latitudes}
[[ -x $BIN ]] || BIN=$BUILD/bench/alloc/latitudes_allocate_tool
GEN=$BUILD/bench/alloc/alloc_gen_campaign
WORK=${TMPDIR:-/tmp}/latitudes-alloc-bench
mkdir -p "$WORK"
INPUT=$WORK/campaign-100k.json
[[ -s $INPUT ]] || "$GEN" 100000 25000 10 2026 > "$INPUT"
echo "input: $INPUT ($(du -h "$INPUT" | cut -f1))"
for algorithm in stable welfare; do
  OUT=$WORK/result-$algorithm.json
  rm -f "$OUT"
  /usr/bin/time -v "$BIN" allocate --input "$INPUT" --algorithm "$algorithm" --output "$OUT" 2> "$WORK/time-$algorithm.txt"
  wall=$(grep "Elapsed (wall clock)" "$WORK/time-$algorithm.txt" | awk '{print $NF}')
  rss=$(grep "Maximum resident set size" "$WORK/time-$algorithm.txt" | awk '{print $NF}')
  engine=$(grep -o '"elapsed_ms":[0-9.]*' "$OUT" | cut -d: -f2)
  assigned=$(grep -o '"assigned":[0-9]*' "$OUT" | cut -d: -f2)
  mean=$(grep -o '"mean_rank":[0-9.]*' "$OUT" | cut -d: -f2)
  echo "$algorithm: wall ${wall} s, peak RSS $((rss / 1024)) MB, engine ${engine} ms, assigned ${assigned}, mean rank ${mean}"
done
