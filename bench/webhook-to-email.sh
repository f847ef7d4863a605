#!/usr/bin/env bash
# Runs dev.journeys.bench.WebhookToEmailBenchmark (src/test/java) in its own JVM: the whole app with
# GreenMail as its SMTP server, fed signed Shopify orders/create webhooks at a fixed rate.
#   bench/webhook-to-email.sh [--rate=N] [--seconds=S] [--drain-seconds=D] [--warmup-seconds=W] [--poll-ms=P]
#                             [--max-in-flight=N] [--max-backlog-seconds=B] [--db-url=JDBC_URL] [--app.<property>=<value> ...]
#   e.g. bench/webhook-to-email.sh --rate=50 --seconds=60
#        bench/webhook-to-email.sh --rate=200 --seconds=300 --max-backlog-seconds=30 --drain-seconds=120
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md ("Shop events to email") for what it measures and the figures.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx1g dev.journeys.bench.WebhookToEmailBenchmark "$@"
