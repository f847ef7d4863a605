package dev.journeys.engine.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Message subscriptions of waiting elements, message start events, and start locks per correlation key. */
public final class SubscriptionStore {

  private static final String COLUMNS = "subscription_key, message_name, correlation_key, element_instance_key, "
      + "element_id, process_instance_key, process_definition_key, bpmn_process_id";

  /** A message start event of a deployed process version. */
  public record MessageStart(long processDefinitionKey, String bpmnProcessId, String elementId, String name) {}

  private final Sql sql;

  SubscriptionStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(SubscriptionRecord s, long now) {
    sql.write("INSERT INTO engine_message_subscription (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.key(), s.name(), s.correlationKey(), s.ownerKey(), s.elementId(), s.processInstanceKey(),
        s.processDefinitionKey(), s.bpmnProcessId(), now);
  }

  public List<SubscriptionRecord> matching(String name, String correlationKey) {
    return sql.query("SELECT " + COLUMNS + " FROM engine_message_subscription WHERE message_name = ? "
        + "AND correlation_key = ? ORDER BY subscription_key", SubscriptionStore::map, name, correlationKey);
  }

  public List<SubscriptionRecord> ofOwner(long ownerKey) {
    return sql.query("SELECT " + COLUMNS + " FROM engine_message_subscription WHERE element_instance_key = ? "
        + "ORDER BY subscription_key", SubscriptionStore::map, ownerKey);
  }

  public Optional<SubscriptionRecord> find(long key) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM engine_message_subscription WHERE subscription_key = ?",
        SubscriptionStore::map, key);
  }

  public void delete(long key) {
    sql.write("DELETE FROM engine_message_subscription WHERE subscription_key = ?", key);
  }

  public void deleteOfOwner(long ownerKey) {
    sql.write("DELETE FROM engine_message_subscription WHERE element_instance_key = ?", ownerKey);
  }

  public void replaceMessageStarts(String bpmnProcessId, List<MessageStart> starts) {
    sql.write("DELETE FROM engine_message_start WHERE bpmn_process_id = ?", bpmnProcessId);
    for (MessageStart start : starts) {
      sql.write("INSERT INTO engine_message_start (process_definition_key, bpmn_process_id, element_id, message_name) "
          + "VALUES (?, ?, ?, ?)", start.processDefinitionKey(), start.bpmnProcessId(), start.elementId(), start.name());
    }
  }

  public List<MessageStart> messageStarts(String name) {
    return sql.query("SELECT process_definition_key, bpmn_process_id, element_id, message_name FROM engine_message_start "
        + "WHERE message_name = ? ORDER BY bpmn_process_id", rs -> new MessageStart(rs.getLong(1), rs.getString(2),
        rs.getString(3), rs.getString(4)), name);
  }

  public boolean startLocked(String bpmnProcessId, String correlationKey) {
    return sql.queryLong("SELECT COUNT(*) FROM engine_message_start_lock WHERE bpmn_process_id = ? AND correlation_key = ?",
        bpmnProcessId, correlationKey) > 0;
  }

  public void lockStart(String bpmnProcessId, String correlationKey, long processInstanceKey) {
    sql.write("INSERT INTO engine_message_start_lock (bpmn_process_id, correlation_key, process_instance_key) VALUES (?, ?, ?)",
        bpmnProcessId, correlationKey, processInstanceKey);
  }

  /** Releases the lock of an ended instance; returns the process id and key it held, if any. */
  public Optional<String[]> unlockStart(long processInstanceKey) {
    Optional<String[]> lock = sql.queryOne("SELECT bpmn_process_id, correlation_key FROM engine_message_start_lock "
        + "WHERE process_instance_key = ?", rs -> new String[] {rs.getString(1), rs.getString(2)}, processInstanceKey);
    lock.ifPresent(l -> sql.update("DELETE FROM engine_message_start_lock WHERE process_instance_key = ?", processInstanceKey));
    return lock;
  }

  private static SubscriptionRecord map(ResultSet rs) throws SQLException {
    return new SubscriptionRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
        rs.getLong(6), rs.getLong(7), rs.getString(8));
  }
}
