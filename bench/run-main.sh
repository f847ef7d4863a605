# Sourced by the bench/*.sh scripts: compiles the test sources, writes their class path to
# target/bench.classpath and runs one main class from src/test/java in its own JVM.
#   run_main <default JVM options> <main class> [program arguments...]
# Environment: BENCH_JVM_OPTS (replaces the default JVM options), MAVEN_ARGS (read by Maven itself,
# e.g. -o for offline), JAVA_HOME. The dependency plugin is named with a version because the one
# Spring Boot's parent manages may not be in the local repository; any 3.x works.
run_main() {
  local defaults="$1" main="$2"
  shift 2
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  local java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  ./mvnw -q test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.11.0:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
  # shellcheck disable=SC2086 # the options are a list of words
  exec "$java" ${BENCH_JVM_OPTS:-$defaults} \
    -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
    "$main" "$@"
}
