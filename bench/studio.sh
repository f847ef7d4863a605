#!/usr/bin/env bash
# Runs dev.journeys.bench.StudioBenchmark (src/test/java) in its own JVM: the whole app on the
# embedded engine; the journey editor ready in headless Chromium (ms from navigation start),
# publish-to-running (ms) and the message template preview (p95 over HTTP).
#   bench/studio.sh [--editor-runs=5] [--publish-runs=5] [--previews=200]
# Environment: BENCH_JVM_OPTS (default -Xmx1g), MAVEN_ARGS (e.g. -o for offline), JAVA_HOME.
# Needs /usr/bin/chromium and /usr/bin/chromedriver for the editor figure (skipped without them).
set -euo pipefail
source "$(dirname "$0")/run-main.sh"
run_main -Xmx1g dev.journeys.bench.StudioBenchmark "$@"
