package dev.journeys.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Restarts this machine's PostgreSQL server (the Debian cluster under /etc/postgresql), at once or
 * after keeping it stopped for a while, and measures, with a fresh connection every 50 ms, how long
 * it did not accept connections.
 */
final class PostgresRestart {

  /** When the restart began, when PostgreSQL last answered before it and first answered again (System.nanoTime). */
  record Outage(long restartNanos, long lastUpNanos, long backNanos, int exitCode, String output) {

    double downSeconds() {
      return (backNanos - lastUpNanos) / 1e9;
    }
  }

  private final String url;
  private final String version;

  private PostgresRestart(String url, String version) {
    this.url = url;
    this.version = version;
  }

  /** Refuses, naming the options, unless the run's database is on this machine's one PostgreSQL cluster. */
  static PostgresRestart forLocalServer(String dbUrl) {
    if (dbUrl == null || !RunDatabase.isLocalPostgres(dbUrl)) {
      throw new IllegalArgumentException("Expected --restart-postgres-at to come with "
          + "--db-url=jdbc:postgresql://127.0.0.1:5432/... (the run restarts this machine's PostgreSQL server), but "
          + (dbUrl == null ? "no --db-url was given" : "--db-url is " + RunDatabase.masked(dbUrl)));
    }
    List<String> versions;
    try (Stream<Path> entries = Files.list(Path.of("/etc/postgresql"))) {
      versions = entries.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      versions = List.of();
    }
    if (versions.size() != 1) {
      throw new IllegalArgumentException("Expected --restart-postgres-at to find one PostgreSQL version under "
          + "/etc/postgresql, but found " + versions);
    }
    return new PostgresRestart(dbUrl, versions.get(0));
  }

  /** The command for one action (restart, stop, start) on the cluster. */
  String command(String action) {
    return String.join(" ", command(action, version));
  }

  private static List<String> command(String action, String version) {
    return List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action);
  }

  /**
   * Restarts the server and returns once it accepts connections again (or after two minutes).
   *
   * @param downSeconds 0 restarts at once; more stops the server (fast shutdown: clients are cut
   *     off), keeps it stopped that long and starts it again
   */
  Outage restart(int downSeconds) throws IOException, InterruptedException {
    long lastUp = System.nanoTime();
    long restart = System.nanoTime();
    if (downSeconds > 0) {
      Process stop = new ProcessBuilder(command("stop", version)).redirectErrorStream(true).start();
      if (!stop.waitFor(60, TimeUnit.SECONDS) || stop.exitValue() != 0) {
        throw new IllegalStateException("Expected '" + command("stop") + "' to stop PostgreSQL, but: "
            + new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(downSeconds));
    }
    Process process = new ProcessBuilder(command(downSeconds > 0 ? "start" : "restart", version))
        .redirectErrorStream(true).start();
    boolean wentDown = false;
    long deadline = restart + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      long probe = System.nanoTime();
      if (answers()) {
        if (wentDown || !process.isAlive()) {
          if (!wentDown) {
            lastUp = probe; // never saw it down: it was down for less than one probe
          }
          process.waitFor(30, TimeUnit.SECONDS);
          return new Outage(restart, lastUp, probe, process.exitValue(),
              new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
        }
        lastUp = probe;
      } else {
        wentDown = true;
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException("Expected PostgreSQL to accept connections within 2 minutes of '"
        + command(downSeconds > 0 ? "start" : "restart") + "', but it does not");
  }

  private boolean answers() {
    try (Connection c = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?") + "connectTimeout=1")) {
      return c.isValid(1);
    } catch (SQLException e) {
      return false;
    }
  }
}
