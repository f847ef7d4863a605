package dev.journeys.engine.state;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Variables per scope (element instance key), values as JSON text; each gets a key when created. */
public final class VariableStore {

  private final Sql sql;
  private final LongSupplier keys;

  VariableStore(Sql sql, LongSupplier keys) {
    this.sql = sql;
    this.keys = keys;
  }

  public Map<String, String> local(long scopeKey) {
    Map<String, String> variables = new LinkedHashMap<>();
    sql.query(
        "SELECT name, var_value FROM engine_variable WHERE scope_key = ? ORDER BY name",
        rs -> variables.put(rs.getString(1), rs.getString(2)), scopeKey);
    return variables;
  }

  public Optional<String> get(long scopeKey, String name) {
    return sql.queryOne(
        "SELECT var_value FROM engine_variable WHERE scope_key = ? AND name = ?", rs -> rs.getString(1), scopeKey, name);
  }

  public boolean exists(long scopeKey, String name) {
    return get(scopeKey, name).isPresent();
  }

  public void put(long scopeKey, long processInstanceKey, String name, String json) {
    int updated = sql.update(
        "UPDATE engine_variable SET var_value = ? WHERE scope_key = ? AND name = ?", json, scopeKey, name);
    if (updated == 0) {
      sql.update(
          "INSERT INTO engine_variable (scope_key, name, var_value, process_instance_key, variable_key) "
              + "VALUES (?, ?, ?, ?, ?)",
          scopeKey, name, json, processInstanceKey, keys.getAsLong());
    }
  }

  public void deleteScope(long scopeKey) {
    sql.update("DELETE FROM engine_variable WHERE scope_key = ?", scopeKey);
  }
}
