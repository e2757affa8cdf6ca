#!/usr/bin/env bash
# The bridge load benchmark (docs/benchmarks.md, "Bridge load benchmark"):
#   scripts/bench-bridge.sh 50 100 200 300            one run per call count, a table at the end
#   scripts/bench-bridge.sh --warm-up 5 --measure 5 5  a quick check that everything works
# Builds what it needs, then runs the load generator and Realtime peer pinned to CPU 1; they start
# embedded PostgreSQL and, per call count, a fresh backend pinned to CPU 0 (--backend-cpus).
# BENCH_GENERATOR_CPUS=none leaves the generator unpinned. Options: --help.
set -euo pipefail
cd "$(dirname "$0")/.."

source scripts/use-jdk.sh
use_jdk

echo "Building the backend and the simulator (tests skipped)..."
./mvnw -q -pl simulator,websocket-server -am package -DskipTests

generator_cpus="${BENCH_GENERATOR_CPUS:-1}"
pin=()
if [ "$generator_cpus" != "none" ]; then
  command -v taskset >/dev/null || { echo "taskset not found (util-linux); BENCH_GENERATOR_CPUS=none runs unpinned" >&2; exit 1; }
  pin=(taskset -c "$generator_cpus")
fi

jar="$(ls simulator/target/simulator-*-runnable.jar 2>/dev/null | head -1)"
[ -n "$jar" ] || { echo "no simulator runnable jar: the build did not produce it" >&2; exit 1; }
exec "${pin[@]}" java -cp "$jar" dev.callcoach.simulator.bench.BridgeBenchmark "$@"
