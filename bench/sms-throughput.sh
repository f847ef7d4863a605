#!/usr/bin/env bash
# Runs dev.journeys.bench.SmsThroughputBenchmark (src/test/java) in its own JVM: the whole app with
# WireMock as its Twilio-compatible SMS provider, signed status callbacks posted back for every SMS.
#   bench/sms-throughput.sh [--messages=N] [--warmup=N] [--max-in-flight=N] [--drain-seconds=S]
#                           [--callback-threads=N] [--app.<property>=<value> ...]
#   e.g. bench/sms-throughput.sh --messages=3000
#        bench/sms-throughput.sh --messages=3000 --app.camunda.client.execution-threads=8
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md ("SMS through the outbox (issue 5)") for what it measures and the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$java" ${BENCH_JVM_OPTS:--Xmx1g} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.journeys.bench.SmsThroughputBenchmark "$@"
