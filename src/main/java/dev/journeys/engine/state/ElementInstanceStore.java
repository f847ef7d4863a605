package dev.journeys.engine.state;

import dev.journeys.engine.state.ElementInstance.LifecycleState;
import java.util.List;
import java.util.Optional;

/** Active element instances; completed and terminated ones are removed. */
public final class ElementInstanceStore {

  private static final String COLUMNS =
      "instance_key, process_instance_key, process_definition_key, element_id, element_kind, "
          + "flow_scope_key, state, parent_element_instance_key";

  private final Sql sql;

  ElementInstanceStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(ElementInstance instance, long now) {
    sql.update(
        "INSERT INTO engine_element_instance (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        instance.key(), instance.processInstanceKey(), instance.processDefinitionKey(),
        instance.elementId(), instance.kind(), instance.flowScopeKey(), instance.state().name(),
        instance.parentElementInstanceKey(), now);
  }

  public void updateState(long key, LifecycleState state) {
    sql.update("UPDATE engine_element_instance SET state = ? WHERE instance_key = ?", state.name(), key);
  }

  public void delete(long key) {
    sql.update("DELETE FROM engine_element_instance WHERE instance_key = ?", key);
  }

  public Optional<ElementInstance> find(long key) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM engine_element_instance WHERE instance_key = ?", ElementInstanceStore::map, key);
  }

  public List<ElementInstance> children(long flowScopeKey) {
    return sql.query(
        "SELECT " + COLUMNS + " FROM engine_element_instance WHERE flow_scope_key = ? ORDER BY instance_key",
        ElementInstanceStore::map, flowScopeKey);
  }

  public long countChildren(long flowScopeKey) {
    return sql.queryLong("SELECT COUNT(*) FROM engine_element_instance WHERE flow_scope_key = ?", flowScopeKey);
  }

  /** The process instance a call activity instance created, if any. */
  public Optional<ElementInstance> calledProcessInstance(long callActivityKey) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM engine_element_instance WHERE parent_element_instance_key = ? AND flow_scope_key IS NULL",
        ElementInstanceStore::map, callActivityKey);
  }

  private static ElementInstance map(java.sql.ResultSet rs) throws java.sql.SQLException {
    long flowScope = rs.getLong(6);
    Long flowScopeKey = rs.wasNull() ? null : flowScope;
    long parent = rs.getLong(8);
    Long parentKey = rs.wasNull() ? null : parent;
    return new ElementInstance(
        rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5), flowScopeKey,
        LifecycleState.valueOf(rs.getString(7)), parentKey);
  }
}
