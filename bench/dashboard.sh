#!/usr/bin/env bash
# Runs dev.journeys.bench.DashboardBenchmark (src/test/java) in its own JVM: the whole app on the
# embedded engine with N journeys seeded into its database, each dashboard page timed over HTTP.
#   bench/dashboard.sh [--instances=100000] [--repeats=20] [--db-url=jdbc:postgresql://127.0.0.1:5432/db?user=u] [--counts-max-age=0s]
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md ("Dashboard pages").
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx1g dev.journeys.bench.DashboardBenchmark "$@"
