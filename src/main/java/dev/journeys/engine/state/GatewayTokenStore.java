package dev.journeys.engine.state;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tokens waiting at a joining parallel or inclusive gateway, one row per arrived sequence flow. */
public final class GatewayTokenStore {

  private final Sql sql;

  GatewayTokenStore(Sql sql) {
    this.sql = sql;
  }

  public void add(long tokenKey, long flowScopeKey, String gatewayId, String flowId) {
    sql.write(
        "INSERT INTO engine_gateway_token (token_key, flow_scope_key, gateway_id, flow_id) VALUES (?, ?, ?, ?)",
        tokenKey, flowScopeKey, gatewayId, flowId);
  }

  public Set<String> arrivedFlows(long flowScopeKey, String gatewayId) {
    return new HashSet<>(sql.query(
        "SELECT flow_id FROM engine_gateway_token WHERE flow_scope_key = ? AND gateway_id = ?",
        rs -> rs.getString(1), flowScopeKey, gatewayId));
  }

  /** Consumes the oldest token of each given flow. */
  public void consume(long flowScopeKey, String gatewayId, Set<String> flowIds) {
    for (String flowId : flowIds) {
      long key = sql.queryLong(
          "SELECT MIN(token_key) FROM engine_gateway_token WHERE flow_scope_key = ? AND gateway_id = ? AND flow_id = ?",
          flowScopeKey, gatewayId, flowId);
      sql.write("DELETE FROM engine_gateway_token WHERE token_key = ?", key);
    }
  }

  /** A token waiting at a gateway: the sequence flow it arrived on. */
  public record Waiting(String gatewayId, String flowId) {}

  /** Every token waiting at a gateway of the flow scope. */
  public List<Waiting> waiting(long flowScopeKey) {
    return sql.query(
        "SELECT gateway_id, flow_id FROM engine_gateway_token WHERE flow_scope_key = ? ORDER BY token_key",
        rs -> new Waiting(rs.getString(1), rs.getString(2)), flowScopeKey);
  }

  public long count(long flowScopeKey) {
    return sql.queryLong("SELECT COUNT(*) FROM engine_gateway_token WHERE flow_scope_key = ?", flowScopeKey);
  }

  public void deleteScope(long flowScopeKey) {
    sql.write("DELETE FROM engine_gateway_token WHERE flow_scope_key = ?", flowScopeKey);
  }
}
