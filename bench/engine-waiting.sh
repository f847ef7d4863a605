#!/usr/bin/env bash
# Runs dev.journeys.bench.EngineWaitingBenchmark (src/test/java) in its own JVM.
#   bench/engine-waiting.sh correlate 100000 | year-timers 1000000 | timer-burst 10000
# Environment: BENCH_JVM_OPTS (default -Xmx256m), JAVA_HOME. See docs/BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -q test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$java" ${BENCH_JVM_OPTS:--Xmx256m} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.journeys.bench.EngineWaitingBenchmark "$@"
