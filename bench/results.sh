#!/usr/bin/env bash
# Runs dev.journeys.bench.ResultsBenchmark (src/test/java) in its own JVM: the whole app on the embedded
# engine with a year of journeys, orders, ratings and message records seeded into its database, each
# results page timed over HTTP.
#   bench/results.sh [--journeys=1000000] [--messages=5000000] [--repeats=20] [--db-url=jdbc:postgresql://127.0.0.1:5432/db?user=u] [--seeded=true]
# Environment: BENCH_JVM_OPTS (default -Xmx2g), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md ("Results pages").
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx2g dev.journeys.bench.ResultsBenchmark "$@"
