#!/usr/bin/env bash
# Runs dev.journeys.bench.SmsThroughputBenchmark (src/test/java) in its own JVM: the whole app with
# WireMock as its Twilio-compatible SMS provider, signed status callbacks posted back for every SMS.
#   bench/sms-throughput.sh [--messages=N] [--warmup=N] [--max-in-flight=N] [--drain-seconds=S]
#                           [--callback-threads=N] [--app.<property>=<value> ...]
#   e.g. bench/sms-throughput.sh --messages=3000
#        bench/sms-throughput.sh --messages=3000 --app.camunda.client.execution-threads=8
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md ("SMS through the outbox") for what it measures and the figures.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx1g dev.journeys.bench.SmsThroughputBenchmark "$@"
