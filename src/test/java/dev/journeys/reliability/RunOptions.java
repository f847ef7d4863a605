package dev.journeys.reliability;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ReliabilityRun's command line, {@code --name=value} pairs. The moments of a PostgreSQL restart and
 * of an SMTP outage are seconds into the load; a missing one (null) means none.
 */
record RunOptions(
    int rate, int seconds, int kills, int timerSeconds, int drainSeconds, int threads, long seed, String dbUrl,
    Integer restartPostgresAt, int postgresDownSeconds, Integer smtpOutageAt, Integer smtpOutageSeconds,
    List<String> appJvm) {

  /**
   * The app's JVM as one would run it in production: the full JIT and the JVM's default collector.
   * The tests' child apps use a quicker-starting JVM (AppProcess.QUICK_START) that runs slower.
   */
  static final String DEFAULT_APP_JVM = "-Xmx512m";

  private static final List<String> NAMES = List.of("rate", "seconds", "kills", "timer-seconds", "drain-seconds",
      "threads", "seed", "db-url", "restart-postgres-at", "postgres-down-seconds",
      "smtp-outage-at", "smtp-outage-seconds", "app-jvm");

  static RunOptions parse(String[] args) {
    Map<String, String> given = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("Expected --name=value, but got '" + arg + "'");
      }
      given.put(kv[0], kv[1]);
    }
    if (!NAMES.containsAll(given.keySet())) {
      given.keySet().removeAll(NAMES);
      throw new IllegalArgumentException("Unknown options " + given.keySet() + "; known: " + NAMES);
    }
    RunOptions options = new RunOptions(
        number(given, "rate", 20), number(given, "seconds", 60), number(given, "kills", 3),
        number(given, "timer-seconds", 30), number(given, "drain-seconds", 180), number(given, "threads", 16),
        Long.parseLong(given.getOrDefault("seed", Long.toString(System.nanoTime()))), given.get("db-url"),
        number(given, "restart-postgres-at", null), number(given, "postgres-down-seconds", 0),
        number(given, "smtp-outage-at", null),
        number(given, "smtp-outage-seconds", null),
        List.of(given.getOrDefault("app-jvm", DEFAULT_APP_JVM).trim().split("\\s+")));
    options.check();
    return options;
  }

  private static Integer number(Map<String, String> given, String name, Integer fallback) {
    String value = given.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.valueOf(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Expected --" + name + " to be a whole number, but got '" + value + "'");
    }
  }

  private void check() {
    if (dbUrl != null) {
      RunDatabase.checkUrl(dbUrl);
    }
    if (restartPostgresAt != null) {
      withinLoad("restart-postgres-at", restartPostgresAt);
      PostgresRestart.forLocalServer(dbUrl); // refuses anything but this machine's PostgreSQL
    }
    if (postgresDownSeconds != 0 && (restartPostgresAt == null || postgresDownSeconds < 0)) {
      throw new IllegalArgumentException("Expected --postgres-down-seconds to be a positive number of seconds with "
          + "--restart-postgres-at (when to stop the server), but got --postgres-down-seconds=" + postgresDownSeconds
          + (restartPostgresAt == null ? " without --restart-postgres-at" : ""));
    }
    if ((smtpOutageAt == null) != (smtpOutageSeconds == null)) {
      throw new IllegalArgumentException(
          "Expected --smtp-outage-at and --smtp-outage-seconds together (when and for how long), but got only "
              + (smtpOutageAt == null ? "--smtp-outage-seconds" : "--smtp-outage-at"));
    }
    if (smtpOutageAt != null) {
      withinLoad("smtp-outage-at", smtpOutageAt);
      if (smtpOutageSeconds < 1) {
        throw new IllegalArgumentException("Expected --smtp-outage-seconds to be at least 1, but got " + smtpOutageSeconds);
      }
    }
  }

  private void withinLoad(String name, int at) {
    if (at < 0 || at >= seconds) {
      throw new IllegalArgumentException("Expected --" + name + " to fall within the load (0 to " + (seconds - 1)
          + " s, --seconds=" + seconds + "), but got " + at);
    }
  }
}
