#!/usr/bin/env bash
# Runs dev.journeys.bench.ResultsCsatBenchmark (src/test/java) in its own JVM: N orders seeded by
# ResultsSeedCsat, then what the customer satisfaction and delivery honesty pages read, timed.
#   bench/results-csat.sh [--orders=200000] [--repeats=40] [--db-url=jdbc:postgresql://127.0.0.1:5432/db?user=u]
# Environment: BENCH_JVM_OPTS (default -Xmx2g), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx2g dev.journeys.bench.ResultsCsatBenchmark "$@"
