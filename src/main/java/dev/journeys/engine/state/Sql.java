package dev.journeys.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Thin JDBC access for the writer thread: one connection, prepared statements cached by SQL text.
 * Not thread-safe by design; only the writer touches it.
 *
 * <p>On PostgreSQL every statement is a network round trip, and the writer runs many small ones
 * in a row. Writes whose row count nobody needs ({@link #write}) therefore wait until the next
 * read, counted update, {@link #flush()} or commit, and go together as one multi-statement prepared
 * statement: one round trip instead of one each, in the order they were written. On H2 (embedded,
 * no round trip) they run at once.
 */
public final class Sql implements AutoCloseable {

  /** Most deferred writes sent as one statement; more are sent in several. */
  private static final int MAX_DEFERRED = 64;
  private static final int COMBINED_CACHED = 256;

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private final boolean defers;
  private final List<String> deferredSql = new ArrayList<>();
  private final List<Object> deferredParams = new ArrayList<>();
  private final Map<String, PreparedStatement> combined = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
      if (size() > COMBINED_CACHED) {
        closeQuietly(eldest.getValue());
        return true;
      }
      return false;
    }
  };

  public Sql(Connection connection) {
    this.connection = connection;
    this.defers = isPostgres(connection);
  }

  private static boolean isPostgres(Connection connection) {
    try {
      return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    } catch (SQLException e) {
      return false;
    }
  }

  /**
   * A write whose row count is not needed: on PostgreSQL it waits for the next round trip (see the
   * class comment); a failure surfaces there, still inside the command that wrote it, because the
   * writer flushes at the end of every command.
   */
  public void write(String sql, Object... params) {
    if (!defers) {
      update(sql, params);
      return;
    }
    deferredSql.add(sql);
    deferredParams.addAll(Arrays.asList(params));
    if (deferredSql.size() >= MAX_DEFERRED) {
      flush();
    }
  }

  /** Sends the deferred writes, in order, as one statement. */
  public void flush() {
    if (deferredSql.isEmpty()) {
      return;
    }
    String sql = deferredSql.size() == 1 ? deferredSql.get(0) : String.join(";\n", deferredSql);
    Object[] params = deferredParams.toArray();
    discardDeferred();
    try {
      PreparedStatement statement = combined.get(sql);
      if (statement == null) {
        statement = connection.prepareStatement(sql);
        combined.put(sql, statement);
      }
      bindTo(statement, params);
      statement.execute();
    } catch (SQLException e) {
      throw new StateException(sql, e);
    }
  }

  /** Forgets the deferred writes: the command that wrote them was rolled back. */
  public void discardDeferred() {
    deferredSql.clear();
    deferredParams.clear();
  }

  public Connection connection() {
    return connection;
  }

  public int update(String sql, Object... params) {
    flush();
    try {
      return bind(sql, params).executeUpdate();
    } catch (SQLException e) {
      throw new StateException(sql, e);
    }
  }

  /**
   * Runs one statement for each parameter row as a JDBC batch: on PostgreSQL one round trip for
   * all of them instead of one each. Returns each row's update count.
   */
  public int[] updateBatch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return new int[0];
    }
    flush();
    try {
      PreparedStatement statement = null;
      for (Object[] params : rows) {
        statement = bind(sql, params);
        statement.addBatch();
      }
      return statement.executeBatch();
    } catch (SQLException e) {
      throw new StateException(sql, e);
    }
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
    flush();
    try (ResultSet rs = bind(sql, params).executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(mapper.map(rs));
      }
      return rows;
    } catch (SQLException e) {
      throw new StateException(sql, e);
    }
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
    List<T> rows = query(sql, mapper, params);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  public long queryLong(String sql, Object... params) {
    return queryOne(sql, rs -> rs.getLong(1), params).orElse(0L);
  }

  private PreparedStatement bind(String sql, Object... params) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    bindTo(statement, params);
    return statement;
  }

  private static void bindTo(PreparedStatement statement, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      Object param = params[i];
      if (param == null) {
        statement.setNull(i + 1, Types.NULL);
      } else if (param instanceof Long l) {
        statement.setLong(i + 1, l);
      } else if (param instanceof Integer n) {
        statement.setInt(i + 1, n);
      } else {
        statement.setObject(i + 1, param);
      }
    }
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() {
    statements.values().forEach(Sql::closeQuietly);
    statements.clear();
    combined.values().forEach(Sql::closeQuietly);
    combined.clear();
    discardDeferred();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the connection may already be broken; nothing left to release
    }
  }
}
