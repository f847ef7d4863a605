#!/usr/bin/env bash
# Runs dev.journeys.bench.PurgeBenchmark (src/test/java) in its own JVM: fills the store with N journeys'
# worth of data past retention, then runs the webhook -> SMTP load of bench/webhook-to-email.sh twice for
# the same time, once alone and once while the retention purge deletes the old data.
#   bench/purge.sh [--journeys=200000] [--db-url=jdbc:postgresql://127.0.0.1:5432/DB?user=postgres]
#                  [--purge-max-seconds=1800] [--rate=50] [--seconds=60] [--warmup-seconds=15] [--drain-seconds=60]
#                  [--app.<property>=<value> ...]   (e.g. --app.journeys.retention.batch-size=200)
#   e.g. bench/purge.sh --journeys=200000 --rate=50 --seconds=60
# H2 file in a temporary directory by default; --db-url must name an empty database (it is filled, not dropped).
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md ("Retention purge under load") for what it measures and the figures.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx1g dev.journeys.bench.PurgeBenchmark "$@"
