#!/usr/bin/env bash
# Runs dev.journeys.bench.MultiInstanceBenchmark (src/test/java) in its own JVM.
#   bench/multi-instance.sh [items, default 1000] [measured rounds, default 3]
# Environment: BENCH_JVM_OPTS (default -Xmx256m), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md for what it measures and the figures on the reference machine.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx256m dev.journeys.bench.MultiInstanceBenchmark "$@"
