#!/usr/bin/env bash
# Runs the whole benchmark and prints one table: the store (beside raw PostgreSQL), a large Indexed
# Job on simulated nodes, many small Jobs, and the watch fan-out over many stored pods.
# Usage: bench/run.sh [--quick] [--scenarios store,whole-job,small-jobs,fan-out] [--profile DIR]
#                     [--aot-cache DIR] [--no-build]
#   --quick     small sizes (about a minute; what CI runs as BenchQuickIT)
#   --profile   JFR recordings of every service during the whole-Job scenario, written to DIR
#   --aot-cache JDK 25+ (first java on the PATH): services start from AOT caches in DIR, written by
#               the first run that finds none
# The PostgreSQL server is BATCHPLANE_TEST_DB_URL (default: an embedded one); each part gets a
# fresh database on it.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
args=()
build=1
for a in "$@"; do
  if [[ "$a" == "--no-build" ]]; then build=0; else args+=("$a"); fi
done
if [[ $build == 1 ]]; then
  ./mvnw -B -q -pl api-server,job-controller,scheduler,kubelet-agent,bench -am package -DskipTests
fi
cp_file="$root/bench/target/classpath.txt"
exec java -cp "$root/bench/target/classes:$(cat "$cp_file")" -Dbatchplane.root="$root" \
  io.batchplane.bench.Bench "${args[@]+"${args[@]}"}"
