package dev.journeys.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.engine.state.Sql.RowMapper;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs searches on connections of its own from the engine's DataSource: reads never touch the
 * writer's connection, so they neither wait for a batch nor see one half applied.
 */
final class Search {

  /** One page of rows and Camunda's page description (totalItems, cursors). */
  record Found<T>(List<T> items, SearchQueryPageResponse page) {}

  /** The largest total a search reports exactly, as in Camunda (its search backends count up to 10,000). */
  static final int MAX_TOTAL = 10_000;

  private final DataSource dataSource;

  Search(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  <T> Found<T> run(SearchSpec<T> spec, ObjectNode body) {
    ObjectNode rest = body.deepCopy();
    JsonNode filter = rest.remove("filter");
    Json.model(rest, spec.queryModel()); // sort fields, page and unknown properties, as Camunda checks them
    Where where = Filters.read(filter, spec.filters());
    String orderBy = Sorting.orderBy(rest.get("sort"), spec.sorts(), spec.tieBreak());
    Paging paging = Paging.read(rest.get("page"));
    long counted = count(spec, where);
    List<Object> params = new ArrayList<>(where.params());
    params.add(paging.limit());
    params.add(paging.from());
    List<T> items = counted == 0 ? List.of() : query(
        "SELECT " + spec.columns() + " FROM " + spec.from() + where.clause() + " ORDER BY " + orderBy
            + " LIMIT ? OFFSET ?", params, spec.rows());
    return new Found<>(items, paging.response(Math.min(counted, MAX_TOTAL), counted > MAX_TOTAL, items.size()));
  }

  /**
   * Counts matches up to one past {@link #MAX_TOTAL}: counting every one of a million rows would cost
   * more than the page itself. Camunda caps its totals the same way and says so in hasMoreTotalItems.
   */
  private long count(SearchSpec<?> spec, Where where) {
    return query("SELECT COUNT(*) FROM (SELECT 1 AS one FROM " + spec.from() + where.clause() + " LIMIT "
        + (MAX_TOTAL + 1) + ") matches", where.params(), rs -> rs.getLong(1)).get(0);
  }

  /** The row whose key property (e.g. processInstanceKey) is the key; 404 when there is none. */
  <T> T one(SearchSpec<T> spec, String keyProperty, long key) {
    Where where = new Where();
    where.add(spec.filters().get(keyProperty).sql() + " = ?", key);
    List<T> rows = query("SELECT " + spec.columns() + " FROM " + spec.from() + where.clause(), where.params(),
        spec.rows());
    if (rows.isEmpty()) {
      throw Problem.notFound("Expected to find a %s with key '%d', but none found", spec.what(), key);
    }
    return rows.get(0);
  }

  <T> List<T> query(String sql, List<Object> params, RowMapper<T> rows) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.size(); i++) {
        statement.setObject(i + 1, params.get(i));
      }
      List<T> result = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          result.add(rows.map(rs));
        }
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to read engine state with '" + sql + "', but: " + e.getMessage(), e);
    }
  }
}
