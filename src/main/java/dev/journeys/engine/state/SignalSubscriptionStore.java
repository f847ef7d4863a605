package dev.journeys.engine.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Signal subscriptions of waiting elements and of the latest versions' signal start events. A
 * subscriber (process definition or element instance) holds one subscription per signal name: a
 * second one for the same name replaces the first, as Zeebe's state keyed by name and subscriber.
 */
public final class SignalSubscriptionStore {

  private static final String COLUMNS = "subscription_key, signal_name, element_instance_key, element_id, "
      + "process_instance_key, process_definition_key, bpmn_process_id";

  private final Sql sql;

  SignalSubscriptionStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(SignalSubscriptionRecord s, String tenantId, long now) {
    long subscriber = s.isStartEvent() ? s.processDefinitionKey() : s.ownerKey();
    sql.write("DELETE FROM engine_signal_subscription WHERE signal_name = ? AND subscriber_key = ?", s.name(), subscriber);
    sql.write("INSERT INTO engine_signal_subscription (" + COLUMNS + ", subscriber_key, tenant_id, created_at) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", s.key(), s.name(), s.ownerKey(), s.elementId(),
        s.processInstanceKey(), s.processDefinitionKey(), s.bpmnProcessId(), subscriber, tenantId, now);
  }

  /** The subscriptions a broadcast of the name reaches, in subscriber key order. */
  public List<SignalSubscriptionRecord> named(String name) {
    return sql.query("SELECT " + COLUMNS + " FROM engine_signal_subscription WHERE signal_name = ? "
        + "ORDER BY subscriber_key", SignalSubscriptionStore::map, name);
  }

  public Optional<SignalSubscriptionRecord> find(long key) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM engine_signal_subscription WHERE subscription_key = ?",
        SignalSubscriptionStore::map, key);
  }

  public void delete(long key) {
    sql.write("DELETE FROM engine_signal_subscription WHERE subscription_key = ?", key);
  }

  public void deleteOfOwner(long ownerKey) {
    sql.write("DELETE FROM engine_signal_subscription WHERE element_instance_key = ?", ownerKey);
  }

  /** Removes the signal start events of every version of the process. */
  public void deleteStartEvents(String bpmnProcessId) {
    sql.write("DELETE FROM engine_signal_subscription WHERE bpmn_process_id = ? AND element_instance_key IS NULL",
        bpmnProcessId);
  }

  private static SignalSubscriptionRecord map(ResultSet rs) throws SQLException {
    long owner = rs.getLong(3);
    Long ownerKey = rs.wasNull() ? null : owner;
    long instance = rs.getLong(5);
    Long processInstanceKey = rs.wasNull() ? null : instance;
    return new SignalSubscriptionRecord(rs.getLong(1), rs.getString(2), ownerKey, rs.getString(4),
        processInstanceKey, rs.getLong(6), rs.getString(7));
  }
}
