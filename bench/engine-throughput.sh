#!/usr/bin/env bash
# Runs dev.journeys.bench.EngineThroughputBenchmark (src/test/java) in its own JVM.
#   bench/engine-throughput.sh [benchmark options]      e.g. --instances=20000 --rate=100
# Environment: BENCH_JVM_OPTS (default -Xmx256m), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md for what it measures and the figures on the reference machine.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx256m dev.journeys.bench.EngineThroughputBenchmark "$@"
