#!/usr/bin/env bash
# Runs the store benchmark alone: raw PostgreSQL INSERTs beside writes and watches through the API server.
# Usage: bench/store.sh [--quick] [--seconds N]   (bench/run.sh runs it with the other scenarios)
# The PostgreSQL server is BATCHPLANE_TEST_DB_URL (default: an embedded one it starts); a fresh
# database is created on it for each run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl api-server,bench -am package -DskipTests
exec java -cp "$root/bench/target/classes:$(cat "$root/bench/target/classpath.txt")" -Dbatchplane.root="$root" \
  io.batchplane.bench.StoreBenchmark "$@"
