package dev.journeys.engine.state;

import dev.journeys.engine.state.ElementInstance.LifecycleState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * Active element instances; completed and terminated ones are removed. The writer is the only one
 * that changes this table, so the instances it wrote or read lately are remembered (a bounded
 * cache, written through): a step reads its instance and its flow scopes many times, and on
 * PostgreSQL each read is a round trip. {@link #forget()} empties it when a command is rolled back.
 */
public final class ElementInstanceStore {

  private static final int CACHED = 20_000;

  private static final String COLUMNS =
      "instance_key, process_instance_key, process_definition_key, element_id, element_kind, "
          + "flow_scope_key, state, parent_element_instance_key";

  private final Sql sql;

  private final Map<Long, ElementInstance> cache = new LinkedHashMap<>(1024, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, ElementInstance> eldest) {
      return size() > CACHED;
    }
  };

  private final LongConsumer created;

  /** {@code created} hears of each new instance's key: its variable scope starts empty. */
  ElementInstanceStore(Sql sql, LongConsumer created) {
    this.sql = sql;
    this.created = created;
  }

  /** Drops what is remembered: the transaction that wrote it may have been rolled back. */
  void forget() {
    cache.clear();
  }

  public void insert(ElementInstance instance, long now) {
    sql.write(
        "INSERT INTO engine_element_instance (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        instance.key(), instance.processInstanceKey(), instance.processDefinitionKey(),
        instance.elementId(), instance.kind(), instance.flowScopeKey(), instance.state().name(),
        instance.parentElementInstanceKey(), now);
    cache.put(instance.key(), instance);
    created.accept(instance.key());
  }

  public void updateState(long key, LifecycleState state) {
    sql.write("UPDATE engine_element_instance SET state = ? WHERE instance_key = ?", state.name(), key);
    ElementInstance cached = cache.get(key);
    if (cached != null) {
      cache.put(key, cached.withState(state));
    }
  }

  public void delete(long key) {
    sql.write("DELETE FROM engine_element_instance WHERE instance_key = ?", key);
    cache.remove(key);
  }

  public Optional<ElementInstance> find(long key) {
    ElementInstance cached = cache.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<ElementInstance> found = sql.queryOne(
        "SELECT " + COLUMNS + " FROM engine_element_instance WHERE instance_key = ?", ElementInstanceStore::map, key);
    found.ifPresent(instance -> cache.put(key, instance));
    return found;
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
