#!/usr/bin/env bash
# Runs dev.journeys.reliability.AppStartBenchmark (src/test/java): N starts of the app as the
# reliability tests start it in a child JVM (AppProcess), each one's time and CPU until health is UP.
#   bench/app-start.sh [N=3]
# BENCH_JVM_OPTS=-Djourneys.test.cds.off=true starts them without the class-data-sharing archive.
# The first start of a build first makes the archive (one start that halts once its context is up).
# Environment: BENCH_JVM_OPTS, MAVEN_ARGS (e.g. -o for offline), JAVA_HOME. See docs/BENCHMARKS.md.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx256m dev.journeys.reliability.AppStartBenchmark "$@"
