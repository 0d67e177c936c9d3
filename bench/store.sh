#!/usr/bin/env bash
# Runs the store benchmark: raw PostgreSQL INSERTs beside writes and watches through the API server.
# Usage: bench/store.sh [--quick] [--seconds N]
# The PostgreSQL server is BATCHPLANE_TEST_DB_URL (default: an embedded one it starts); a fresh
# database is created on it for each run.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl bench -am package -DskipTests
cp_file="$root/bench/target/classpath.txt"
./mvnw -B -q -pl bench dependency:build-classpath -Dmdep.outputFile="$cp_file" >/dev/null
exec java -cp "$root/bench/target/classes:$(cat "$cp_file")" -Dbatchplane.root="$root" \
  io.batchplane.bench.StoreBenchmark "$@"
