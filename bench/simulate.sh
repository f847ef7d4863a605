#!/usr/bin/env bash
# Simulation timings (docs/BENCHMARKS.md, "Simulating a journey").
#   bench/simulate.sh [--runs=N] [scenario.yaml...]   in-process: N simulations per scenario in one JVM
#   bench/simulate.sh --cold [scenario.yaml]          the packaged jar, one fresh JVM per run, 3 runs
# Environment: BENCH_JVM_OPTS (default -Xmx512m), JAVA_HOME, MAVEN_ARGS (e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [[ "${1:-}" == "--cold" ]]; then
  scenario="${2:-examples/scenarios/happy-path.yaml}"
  ./mvnw -q ${MAVEN_ARGS:-} package -DskipTests
  jar=$(ls target/journeys-*.jar | grep -v plain | head -1)
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  for run in 1 2 3; do
    start=$(date +%s%N)
    "$java" ${BENCH_JVM_OPTS:--Xmx512m} -jar "$jar" simulate bpmn/post-purchase.bpmn "$scenario" --quiet \
      | grep -E "simulated in|Total with"
    echo "run $run: $(( ($(date +%s%N) - start) / 1000000 )) ms from JVM launch to exit"
  done
  exit 0
fi
./mvnw -q ${MAVEN_ARGS:-} test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec "$java" ${BENCH_JVM_OPTS:--Xmx512m} \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.journeys.bench.SimulationBenchmark "$@"
