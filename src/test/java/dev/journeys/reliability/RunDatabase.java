package dev.journeys.reliability;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a reliability run keeps the app's data: an H2 file in the run's folder, or a PostgreSQL
 * database of its own ({@code journeys_rel_<random>}), created through the server named by
 * {@code --db-url} before the run and dropped after it, so runs never share tables.
 */
final class RunDatabase implements AutoCloseable {

  /** jdbc:postgresql://host[:port]/database[?parameters]: the parts before and after the database name. */
  private static final Pattern POSTGRES_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");

  private final String url;
  private final String adminUrl;
  private final String name;

  private RunDatabase(String url, String adminUrl, String name) {
    this.url = url;
    this.adminUrl = adminUrl;
    this.name = name;
  }

  /** The H2 file the child JVM uses by default (AppProcess); nothing to create or drop. */
  static RunDatabase h2(Path dataDir) {
    return new RunDatabase("jdbc:h2:file:" + dataDir.resolve("journeys"), null, null);
  }

  /** A fresh database on the PostgreSQL server that {@code adminUrl} (the option {@code --db-url}) reaches. */
  static RunDatabase postgres(String adminUrl) {
    Matcher parts = checkUrl(adminUrl);
    String name = "journeys_rel_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute(adminUrl, "CREATE DATABASE " + name);
    String query = parts.group(3) == null ? "" : parts.group(3);
    return new RunDatabase(parts.group(1) + name + query, adminUrl, name);
  }

  /** Refuses, naming the option, a URL that is not PostgreSQL's. */
  static Matcher checkUrl(String adminUrl) {
    Matcher parts = POSTGRES_URL.matcher(adminUrl);
    if (!parts.matches()) {
      throw new IllegalArgumentException("Expected --db-url to be a PostgreSQL URL such as "
          + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres (the run creates and drops a database of its own "
          + "on that server; without --db-url it uses an H2 file), but got " + masked(adminUrl));
    }
    return parts;
  }

  /** Whether the server is this machine's, so that the run may restart it. */
  static boolean isLocalPostgres(String adminUrl) {
    Matcher parts = POSTGRES_URL.matcher(adminUrl);
    if (!parts.matches()) {
      return false;
    }
    String host = URI.create(parts.group(1).substring("jdbc:".length())).getHost();
    return "127.0.0.1".equals(host) || "localhost".equals(host);
  }

  boolean isPostgres() {
    return name != null;
  }

  String url() {
    return url;
  }

  /** A connection of the test's own to the run's database, as the app's user. */
  Connection connect() throws SQLException {
    return isPostgres() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, "sa", "");
  }

  /** What the child JVM is started with; nothing for H2, whose file AppProcess sets itself. */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    if (isPostgres()) {
      settings.put("spring.datasource.url", url);
      // application.yml's H2 user and password would override the URL's user otherwise
      settings.put("spring.datasource.username", "");
      settings.put("spring.datasource.password", "");
    }
    return settings;
  }

  /** For the report: the database, never its password. */
  String describe() {
    return isPostgres() ? "PostgreSQL database " + name + " (dropped after the run) on " + masked(adminUrl) : "H2 file " + url;
  }

  /** The inbox's orders/create rows and the outbox rows by template and status, read after the app stopped. */
  Map<String, Long> counts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = connect(); Statement statement = c.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM inbox WHERE topic = 'orders/create'")) {
        rs.next();
        counts.put("inbox", rs.getLong(1));
      }
      try (ResultSet rs = statement.executeQuery(
          "SELECT template, status, COUNT(*) FROM outbox GROUP BY template, status ORDER BY template, status")) {
        while (rs.next()) {
          counts.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
        }
      }
    }
    return counts;
  }

  /** Drops the run's PostgreSQL database (the app must have stopped); an H2 file stays for reading. */
  @Override
  public void close() {
    if (isPostgres()) {
      execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  static String masked(String url) {
    return url.replaceAll("password=[^&;]*", "password=***");
  }

  private static void execute(String url, String sql) {
    try (Connection c = DriverManager.getConnection(url); Statement statement = c.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to run '" + sql + "' on " + masked(url) + " (--db-url), but: "
          + e.getMessage(), e);
    }
  }
}
