#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what it needs, builds, starts a throw-away
# PostgreSQL 15 server, runs every CTest test (unit, allocation, HTTP on SQLite and on PostgreSQL)
# then the API contract tests (docs/api/openapi.yaml linted, and checked against a running server)
# and the browser test. Artefacts (screenshots, logs) land in build/test-artefacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$(nproc)"
mkdir -p build/test-artefacts
scripts/with-postgres.sh ctest --test-dir build --output-on-failure -j2
node --test tests/api/
node --test tests/browser/
