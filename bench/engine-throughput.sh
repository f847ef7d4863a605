#!/usr/bin/env bash
# Runs dev.journeys.bench.EngineThroughputBenchmark (src/test/java) in its own JVM.
#   bench/engine-throughput.sh [benchmark options]      e.g. --instances=20000 --rate=100
# Environment: BENCH_JVM_OPTS (default -Xmx256m), MAVEN_ARGS (read by Maven itself, e.g. -o for offline), JAVA_HOME.
# See docs/BENCHMARKS.md for what it measures and the figures on the reference machine.
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# The dependency plugin is named with a version because the one Spring Boot's parent manages
# may not be in the local repository; any 3.x works.
./mvnw -q test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$java" ${BENCH_JVM_OPTS:--Xmx256m} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.journeys.bench.EngineThroughputBenchmark "$@"
