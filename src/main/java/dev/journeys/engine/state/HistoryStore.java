package dev.journeys.engine.state;

/**
 * What happened to process and element instances after they ended: the rows the dashboard and the
 * REST search API read. Written alongside the live state, in the same transaction.
 */
public final class HistoryStore {

  /** How an instance's story ended; ACTIVE while it runs. */
  public enum State {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  private final Sql sql;

  HistoryStore(Sql sql) {
    this.sql = sql;
  }

  public void processStarted(ElementInstance instance, String bpmnProcessId, int version, Long parentProcessInstanceKey,
      long now) {
    sql.write("INSERT INTO engine_process_instance_history (process_instance_key, process_definition_key, "
            + "bpmn_process_id, process_version, state, start_date, parent_process_instance_key, "
            + "parent_element_instance_key, tenant_id) VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?, '<default>')",
        instance.key(), instance.processDefinitionKey(), bpmnProcessId, version, now, parentProcessInstanceKey,
        instance.parentElementInstanceKey());
  }

  public void elementStarted(ElementInstance instance, String bpmnProcessId, long now) {
    sql.write("INSERT INTO engine_element_instance_history (element_instance_key, process_instance_key, "
            + "process_definition_key, bpmn_process_id, element_id, element_kind, flow_scope_key, state, start_date) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)",
        instance.key(), instance.processInstanceKey(), instance.processDefinitionKey(), bpmnProcessId,
        instance.elementId(), instance.kind(), instance.flowScopeKey(), now);
  }

  public void ended(ElementInstance instance, State state, long now) {
    String table = instance.isProcessInstance() ? "engine_process_instance_history" : "engine_element_instance_history";
    String key = instance.isProcessInstance() ? "process_instance_key" : "element_instance_key";
    sql.write("UPDATE " + table + " SET state = ?, end_date = ? WHERE " + key + " = ?", state.name(), now, instance.key());
  }
}
