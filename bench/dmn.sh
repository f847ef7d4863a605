#!/usr/bin/env bash
# Runs dev.journeys.bench.DmnBenchmark (src/test/java) in its own JVM: EvaluateDecision of the shipped
# decision table bpmn/post-purchase-follow-up.dmn through the Camunda client against the embedded engine.
#   bench/dmn.sh [--evaluations=10000] [--warmup=2000] [--in-flight=16]
# Environment: BENCH_JVM_OPTS (default -Xmx256m), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md for the figures.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx256m dev.journeys.bench.DmnBenchmark "$@"
