package dev.journeys.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The {@code engine_lease} row and the statements on it. Times come from the database's clock, so
 * engines on hosts whose clocks disagree still agree on when a lease lapsed.
 */
final class LeaseTable {

  static final String NAME = "engine-writer";

  /** The lease as read, with the database's time of reading. */
  record Row(String holder, String info, long since, long expiresAt, long fence, long now) {

    long expiresInMillis() {
      return expiresAt - now;
    }

    String describe() {
      return "engine " + (info == null ? holder : info) + " (holder since " + Instant.ofEpochMilli(since)
          + ", lease renewed until " + Instant.ofEpochMilli(expiresAt) + ")";
    }
  }

  private final DataSource dataSource;

  LeaseTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Takes the lease when it is free, lapsed, or (on a database only this process can open) held by no
   * engine of this JVM. The update compares fence and expiry with what was read, so of two engines
   * taking a lapsed lease at once one wins, and a holder that renewed in between keeps it.
   */
  boolean take(String holder, long pid, String description, Duration duration, Set<String> heldHere) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      Row row = read(connection);
      boolean exclusive = processExclusive(connection.getMetaData().getURL());
      boolean free = row.holder() == null || row.expiresAt() < row.now()
          || (exclusive && !heldHere.contains(row.holder()));
      if (!free) {
        return false;
      }
      try (PreparedStatement update = connection.prepareStatement("""
          UPDATE engine_lease SET holder = ?, holder_pid = ?, holder_info = ?, holder_since = ?, expires_at = ?,
            fence = fence + 1
          WHERE lease_name = ? AND fence = ? AND expires_at = ?""")) {
        update.setString(1, holder);
        update.setLong(2, pid);
        update.setString(3, description);
        update.setLong(4, row.now());
        update.setLong(5, row.now() + duration.toMillis());
        update.setString(6, NAME);
        update.setLong(7, row.fence());
        update.setLong(8, row.expiresAt());
        return update.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to read the engine writer lease, but: " + e.getMessage(), e);
    }
  }

  Row read() {
    try (Connection connection = dataSource.getConnection()) {
      return read(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to read the engine writer lease, but: " + e.getMessage(), e);
    }
  }

  /** Extends the lease by {@code duration} from now; false when another engine holds it. */
  boolean renew(Connection connection, String holder, Duration duration) throws SQLException {
    long now = now(connection);
    return update(connection, "UPDATE engine_lease SET expires_at = ? WHERE lease_name = ? AND holder = ?",
        now + duration.toMillis(), holder) == 1;
  }

  void release(Connection connection, String holder) throws SQLException {
    update(connection, """
        UPDATE engine_lease SET holder = NULL, holder_pid = NULL, holder_info = NULL, holder_since = NULL,
          expires_at = 0 WHERE lease_name = ? AND holder = ?""", null, holder);
  }

  private static int update(Connection connection, String sql, Long expiresAt, String holder) throws SQLException {
    connection.setAutoCommit(true);
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      if (expiresAt != null) {
        statement.setLong(index++, expiresAt);
      }
      statement.setString(index++, NAME);
      statement.setString(index, holder);
      return statement.executeUpdate();
    }
  }

  private static Row read(Connection connection) throws SQLException {
    long now = now(connection);
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT holder, holder_info, holder_since, expires_at, fence FROM engine_lease WHERE lease_name = ?")) {
      select.setString(1, NAME);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("Expected the engine_lease table to have its '" + NAME + "' row, but it has none");
        }
        return new Row(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), now);
      }
    }
  }

  private static long now(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT CURRENT_TIMESTAMP")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
    }
  }

  /**
   * Whether only this process can have the database open: an embedded H2 database (in memory, or a
   * file H2 locks for one process). Then a holder that is no engine of this JVM is dead for sure.
   */
  static boolean processExclusive(String url) {
    String lower = url == null ? "" : url.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:")) {
      return false;
    }
    String rest = lower.substring("jdbc:h2:".length());
    return !rest.startsWith("tcp:") && !rest.startsWith("ssl:")
        && !lower.contains("auto_server=true") && !lower.contains("file_lock=no");
  }
}
