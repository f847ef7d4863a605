#!/usr/bin/env bash
# Runs dev.journeys.bench.MessageOutcomesBenchmark (src/test/java) in its own JVM: the whole app with
# N message records seeded over the last year (ResultsSeedMessages), the message outcomes page, its
# CSV and its API timed over HTTP.
#   bench/message-outcomes.sh [--messages=1000000] [--repeats=40] [--db-url=jdbc:postgresql://127.0.0.1:5432/db?user=u]
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx1g dev.journeys.bench.MessageOutcomesBenchmark "$@"
