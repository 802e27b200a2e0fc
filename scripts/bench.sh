#!/usr/bin/env bash
# Server benchmark: 10,000 synthetic projects in SQLite, wrk on 127.0.0.1 against the catalogue
# page and the API, with the response cache on (the default) and off, each without compression
# and with gzip and with Brotli asked for (Accept-Encoding), and the bytes each answer takes.
# Prints a summary and keeps wrk's full output in build/bench/. Figures are recorded by hand in
# docs/PERFORMANCE.md. BENCH_CODINGS="identity" skips the compressed runs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --bench
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)"

out=build/bench
mkdir -p "$out"
db="$out/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
build/latitudes seed --synthetic 10000 --seed 42 --database "sqlite:$db"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
duration=${BENCH_DURATION:-15s}
connections=${BENCH_CONNECTIONS:-64}
codings=${BENCH_CODINGS:-identity gzip br}

run_server() {   # $1 = cache TTL in ms
  build/latitudes serve --port "$port" --database "sqlite:$db" --cache-ttl-ms "$1" \
    --access-log "$out/access.log" >"$out/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
  echo "bench: server did not start" >&2; exit 1
}
stop_server() { kill -TERM "$server"; wait "$server" || true; }
trap 'kill -TERM "${server:-0}" 2>/dev/null || true' EXIT

printf '%-8s %-9s %-32s %9s %12s %10s %10s %10s\n' cache coding target bytes requests/s p50 p99 "rss"
for ttl in 1000 0; do
  run_server "$ttl"
  for coding in $codings; do
    for target in /projects /api/v1/projects /static/vendor/chart.umd.min.js; do
      [ "$ttl" = 0 ] && [ "${target#/static}" != "$target" ] && continue   # static files ignore the cache
      header=()
      [ "$coding" = identity ] || header=(-H "Accept-Encoding: $coding")
      # Warm-up (templates compiled per thread), and the answer's size as sent.
      bytes=$(curl -fs "${header[@]}" -o /dev/null -w '%{size_download}' "http://127.0.0.1:$port$target")
      log="$out/wrk-ttl$ttl-$coding-$(echo "$target" | tr '/' '_').txt"
      wrk -t2 -c"$connections" -d"$duration" --latency "${header[@]}" "http://127.0.0.1:$port$target" >"$log"
      rps=$(awk '/Requests\/sec/ {print $2}' "$log")
      p50=$(awk '$1 == "50%" {print $2}' "$log")
      p99=$(awk '$1 == "99%" {print $2}' "$log")
      rss=$(awk '/VmHWM/ {print $2 " " $3}' "/proc/$server/status")
      label=$([ "$ttl" = 0 ] && echo off || echo "${ttl}ms")
      printf '%-8s %-9s %-32s %9s %12s %10s %10s %10s\n' "$label" "$coding" "$target" "$bytes" "$rps" "$p50" "$p99" "$rss"
    done
  done
  [ "$ttl" = 1000 ] && for target in /projects /api/v1/projects; do   # the answers bench_compression compresses
    curl -fs "http://127.0.0.1:$port$target" -o "$out/answer$(echo "$target" | tr '/' '_')"
  done
  stop_server
done
# The CPU time of compressing those answers, one at a time (what a worker spends per answer).
build/bench/web/bench_compression --benchmark_min_time=0.2 "$out"/answer_* | tee "$out/compression.txt"
# Documents: a 10 MB then a 100 MB file, chunked upload and streamed download, MB/s and peak RSS.
python3 scripts/bench-documents.py build/latitudes "$out/documents" | tee "$out/documents.txt"
