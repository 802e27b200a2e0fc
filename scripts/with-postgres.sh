#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 server: initialised in a temporary folder,
# listening on a free loopback port, stopped and deleted afterwards whatever happens.
# The command sees LATITUDES_TEST_POSTGRES_URL=postgresql://latitudes:latitudes@127.0.0.1:PORT/latitudes
set -euo pipefail
pg_bin=/usr/lib/postgresql/15/bin
[ -x "$pg_bin/initdb" ] || { echo "with-postgres: PostgreSQL 15 is not installed (scripts/install-deps.sh --test)" >&2; exit 1; }

dir=$(mktemp -d /tmp/latitudes-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_as=()
if [ "$(id -u)" -eq 0 ]; then   # PostgreSQL refuses to run as root
  chown postgres "$dir"
  run_as=(runuser -u postgres --)
fi
cleanup() {
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

"${run_as[@]}" "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE latitudes LOGIN PASSWORD 'latitudes' CREATEDB" \
  -c "CREATE DATABASE latitudes OWNER latitudes"

export LATITUDES_TEST_POSTGRES_URL="postgresql://latitudes:latitudes@127.0.0.1:$port/latitudes"
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port"
"$@"
