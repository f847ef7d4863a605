#!/usr/bin/env bash
# Runs dev.journeys.bench.FunnelBenchmark (src/test/java): the app on the embedded engine with N
# post-purchase journeys seeded by ResultsSeedFunnel, the journey funnel page, JSON and CSV timed.
#   bench/funnel.sh [--journeys=1000000] [--repeats=40] [--warm-up=5] [--db-url=jdbc:postgresql://127.0.0.1:5432/db?user=u]
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx1g dev.journeys.bench.FunnelBenchmark "$@"
