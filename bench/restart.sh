#!/usr/bin/env bash
# Runs dev.journeys.bench.RestartBenchmark (src/test/java): time to ready of the packaged app
# (java -jar of the extracted jar, with an AOT cache by default) on a store of 1,000,000 finished
# and 100,000 running post-purchase journeys, after a clean stop and after kill -9 under webhook load,
# with the app's log lines timed from the launch as the breakdown.
#   bench/restart.sh [--dir=/tmp/restart-bench] [--finished=1000000] [--running=100000]
#                    [--starts=3] [--kills=1] [--rate=20] [--share=aot|cds|off] [--jvm-opts=-Xmx1g]
#                    [--db-url=jdbc:postgresql://127.0.0.1:5432/<db>?user=postgres]
# The store is made on the first run (the running journeys through the app's webhook endpoint, the
# finished ones written into the history: see the class) and reused while <dir>/store/seeded (or
# <dir>/seeded-<hash> for --db-url) exists; delete the directory (or drop the database) to make it again.
# Builds the jar first (./mvnw package -DskipTests). Environment: MAVEN_ARGS (e.g. -o), JAVA_HOME.
# See docs/BENCHMARKS.md, "Restart to ready".
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
source bench/run-main.sh
run_main -Xmx512m dev.journeys.bench.RestartBenchmark "$@"
