#!/usr/bin/env bash
# Simulation timings (docs/BENCHMARKS.md, "Simulating a journey").
#   bench/simulate.sh [--runs=N] [scenario.yaml...]   in-process: N simulations per scenario in one JVM
#   bench/simulate.sh --cold [scenario.yaml]          `java -jar ... simulate`, one fresh JVM per run:
#       the fat jar; the extracted jar with a class-data-sharing archive (CDS); the same with C1 only
# Environment: BENCH_JVM_OPTS (default -Xmx512m), JAVA_HOME, MAVEN_ARGS (e.g. -o), RUNS (cold, default 2).
set -euo pipefail
cd "$(dirname "$0")/.."
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
opts="${BENCH_JVM_OPTS:--Xmx512m}"
if [[ "${1:-}" == "--cold" ]]; then
  scenario="${2:-examples/scenarios/happy-path.yaml}"
  ./mvnw -q ${MAVEN_ARGS:-} package -DskipTests
  jar=$(ls target/journeys-*.jar | grep -v plain | head -1)
  extracted="target/extracted/$(basename "$jar")"
  rm -rf target/extracted target/simulate.jsa
  "$java" -Djarmode=tools -jar "$jar" extract --destination target/extracted >/dev/null
  # A training run writes the archive: the classes a simulation loads, ready-parsed.
  "$java" $opts -XX:ArchiveClassesAtExit=target/simulate.jsa -jar "$extracted" \
    simulate bpmn/post-purchase.bpmn "$scenario" --quiet >/dev/null 2>&1
  timed() {
    local label="$1"; shift
    local start; start=$(date +%s%N)
    local sim; sim=$(/usr/bin/time -o target/simulate.time -f "cpu %U s user, %S s system" "$java" $opts "$@" \
      simulate bpmn/post-purchase.bpmn "$scenario" --quiet 2>/dev/null | grep -o "simulated in [0-9]* ms")
    local cpu; cpu="$sim; $(cat target/simulate.time)"
    printf "%-22s %6d ms launch to exit; %s; load %s\n" "$label" $(( ($(date +%s%N) - start) / 1000000 )) \
      "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
  }
  for run in $(seq "${RUNS:-2}"); do
    timed "fat jar" -jar "$jar"
    timed "extracted + CDS" -XX:SharedArchiveFile=target/simulate.jsa -jar "$extracted"
    timed "extracted + CDS + C1" -XX:SharedArchiveFile=target/simulate.jsa -XX:TieredStopAtLevel=1 -jar "$extracted"
  done
  exit 0
fi
source bench/run-main.sh
run_main "$opts" dev.journeys.bench.SimulationBenchmark "$@"
