#!/usr/bin/env bash
# Server benchmark: 10,000 synthetic projects in SQLite, wrk on 127.0.0.1 against the catalogue
# page and the API, with the response cache on (the default) and off. Prints a summary and keeps
# wrk's full output in build/bench/. Figures are recorded by hand in docs/PERFORMANCE.md.
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

run_server() {   # $1 = cache TTL in ms
  build/latitudes serve --port "$port" --database "sqlite:$db" --cache-ttl-ms "$1" \
    --access-log "$out/access.log" >"$out/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && return; sleep 0.1; done
  echo "bench: server did not start" >&2; exit 1
}
stop_server() { kill -TERM "$server"; wait "$server" || true; }
trap 'kill -TERM "${server:-0}" 2>/dev/null || true' EXIT

printf '%-8s %-22s %12s %10s %10s %10s\n' cache target requests/s p50 p99 "rss"
for ttl in 1000 0; do
  run_server "$ttl"
  for target in /projects /api/v1/projects; do
    curl -fs "http://127.0.0.1:$port$target" >/dev/null   # warm-up: templates compiled per thread
    log="$out/wrk-ttl$ttl-$(echo "$target" | tr '/' '_').txt"
    wrk -t2 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$target" >"$log"
    rps=$(awk '/Requests\/sec/ {print $2}' "$log")
    p50=$(awk '$1 == "50%" {print $2}' "$log")
    p99=$(awk '$1 == "99%" {print $2}' "$log")
    rss=$(awk '/VmHWM/ {print $2 " " $3}' "/proc/$server/status")
    label=$([ "$ttl" = 0 ] && echo off || echo "${ttl}ms")
    printf '%-8s %-22s %12s %10s %10s %10s\n' "$label" "$target" "$rps" "$p50" "$p99" "$rss"
  done
  stop_server
done
