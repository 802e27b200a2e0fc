#!/usr/bin/env bash
# Installs exactly what Latitudes needs on Debian 12, and nothing twice:
# apt-get update runs only when a package is missing. Then `npm ci` for the front-end assets.
#   scripts/install-deps.sh            build and run
#   scripts/install-deps.sh --test     + test tools (PostgreSQL 15 server, Chromium)
#   scripts/install-deps.sh --bench    + wrk
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config ccache
  libsoci-dev libboost-dev libsqlite3-dev libpq-dev
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libkainjow-mustache-dev nlohmann-json3-dev libsodium-dev libspdlog-dev libcli11-dev
  libcmark-gfm-dev libcurl4-openssl-dev zlib1g-dev libbrotli-dev
  libgtest-dev libgmock-dev libbenchmark-dev liblemon-dev
)
for arg in "$@"; do
  case "$arg" in
    --test) packages+=(postgresql-15 postgresql-client-15 chromium curl openjdk-17-jre-headless python3-aiosmtpd clang-format-14) ;;
    --bench) packages+=(wrk curl time) ;;
    *) echo "install-deps: unknown option $arg" >&2; exit 2 ;;
  esac
done
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Front-end packages from the committed lock; skipped when node_modules was installed from this lock.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.latitudes-lock 2>/dev/null)" != "$lock_sum" ]; then
  # No install scripts: our packages need none, and some would try to download binaries.
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$lock_sum" > node_modules/.latitudes-lock
fi
