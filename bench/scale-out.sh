#!/usr/bin/env bash
# Runs dev.journeys.reliability.ScaleOutBenchmark (src/test/java): one, two or three app processes on one
# PostgreSQL database (the first with the embedded engine, the others in camunda mode against it), fed
# signed Shopify orders/create webhooks round-robin at a fixed total rate, GreenMail as their SMTP server.
#   bench/scale-out.sh --instances=N [--rate=R] [--seconds=S] [--warmup-seconds=W] [--drain-seconds=D] [--db-url=URL]
#   e.g. bench/scale-out.sh --instances=2 --rate=30 --seconds=60 --db-url='jdbc:postgresql://127.0.0.1:5432/test?user=postgres'
# --db-url defaults to JOURNEYS_TEST_POSTGRES_URL; the run creates its own database there and drops it.
# Environment: BENCH_JVM_OPTS (default -Xmx512m), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
# See docs/SCALING.md for what it measures and the figures.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx512m dev.journeys.reliability.ScaleOutBenchmark "$@"
