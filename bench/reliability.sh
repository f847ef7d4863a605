#!/usr/bin/env bash
# Runs dev.journeys.reliability.ReliabilityRun (src/test/java): the whole app in a child JVM on an
# H2 file (or a PostgreSQL database of its own), GreenMail as its SMTP server, signed Shopify
# orders/create webhooks at a fixed rate, and kill -9 of the app at random moments with a restart on
# the same database each time; optionally a restart of the local PostgreSQL server and an SMTP outage.
#   bench/reliability.sh [--rate=20] [--seconds=60] [--kills=3] [--timer-seconds=30]
#                        [--drain-seconds=180] [--threads=16] [--seed=N]
#                        [--db-url=jdbc:postgresql://...] [--restart-postgres-at=S [--postgres-down-seconds=S]]
#                        [--smtp-outage-at=S --smtp-outage-seconds=S]
#   the short run:  bench/reliability.sh
#   the long run:   bench/reliability.sh --rate=50 --seconds=1800 --kills=20 --drain-seconds=600
#   a burst:        bench/reliability.sh --rate=500 --seconds=60 --kills=0 --threads=64 --drain-seconds=600
#   PostgreSQL restarted mid-load (restarts this machine's server!):
#     bench/reliability.sh --rate=10 --seconds=40 --kills=0 --drain-seconds=120 \
#       --db-url='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' --restart-postgres-at=15
#   PostgreSQL stopped for 60 s mid-load (longer than Hikari's 30 s connection timeout):
#     bench/reliability.sh --rate=10 --seconds=120 --kills=0 --drain-seconds=300 \
#       --db-url='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' --restart-postgres-at=20 --postgres-down-seconds=60
#   SMTP down for 10 minutes:
#     bench/reliability.sh --kills=0 --smtp-outage-at=10 --smtp-outage-seconds=600 --drain-seconds=900
# Environment: BENCH_JVM_OPTS (default -Xmx2g, for the driver: it keeps every order it sent, not the
# emails), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
# See docs/RELIABILITY.md for what it counts and the figures measured.
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx2g dev.journeys.reliability.ReliabilityRun "$@"
