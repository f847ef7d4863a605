#!/usr/bin/env bash
# Runs dev.journeys.bench.WebhookToEmailBenchmark (src/test/java) in its own JVM: the whole app with
# GreenMail as its SMTP server, fed signed Shopify orders/create webhooks at a fixed rate.
#   bench/webhook-to-email.sh [--rate=N] [--seconds=S] [--drain-seconds=D] [--warmup-seconds=W] [--poll-ms=P]
#                             [--max-in-flight=N] [--max-backlog-seconds=B] [--app.<property>=<value> ...]
#   e.g. bench/webhook-to-email.sh --rate=50 --seconds=60
#        bench/webhook-to-email.sh --rate=200 --seconds=300 --max-backlog-seconds=30 --drain-seconds=120
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md ("Shop events to email (issue 4)") for what it measures and the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The dependency plugin is named with a version because the one Spring Boot's parent manages
# may not be in the local repository; any 3.x works.
./mvnw -q test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$java" ${BENCH_JVM_OPTS:--Xmx1g} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.journeys.bench.WebhookToEmailBenchmark "$@"
