#!/usr/bin/env bash
# Runs dev.journeys.bench.EngineWaitingBenchmark (src/test/java) in its own JVM.
#   bench/engine-waiting.sh correlate 100000 | year-timers 1000000 | timer-burst 10000
# Environment: BENCH_JVM_OPTS (default -Xmx256m), JAVA_HOME. See docs/BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx256m dev.journeys.bench.EngineWaitingBenchmark "$@"
