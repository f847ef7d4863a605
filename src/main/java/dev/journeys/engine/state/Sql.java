package dev.journeys.engine.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Thin JDBC access for the writer thread: one connection, prepared statements cached by SQL text.
 * Not thread-safe by design; only the writer touches it.
 */
public final class Sql implements AutoCloseable {

  /** Maps the current row of a result set. */
  @FunctionalInterface
  public interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Connection connection;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  public Sql(Connection connection) {
    this.connection = connection;
  }

  public Connection connection() {
    return connection;
  }

  public int update(String sql, Object... params) {
    try {
      return bind(sql, params).executeUpdate();
    } catch (SQLException e) {
      throw new StateException(sql, e);
    }
  }

  public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
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
    return statement;
  }

  @Override
  public void close() {
    statements.values().forEach(s -> {
      try {
        s.close();
      } catch (SQLException ignored) {
        // closing anyway
      }
    });
    statements.clear();
    try {
      connection.close();
    } catch (SQLException ignored) {
      // the connection may already be broken; nothing left to release
    }
  }
}
