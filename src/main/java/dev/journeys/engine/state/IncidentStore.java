package dev.journeys.engine.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Open incidents; a resolved incident is removed. */
public final class IncidentStore {

  private static final String COLUMNS =
      "incident_key, error_type, error_message, element_id, element_instance_key, process_instance_key, "
          + "process_definition_key, bpmn_process_id, job_key, tenant_id";

  private final Sql sql;

  IncidentStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(IncidentRecord incident, long now) {
    sql.write(
        "INSERT INTO engine_incident (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        incident.key(), incident.errorType(), incident.errorMessage(), incident.elementId(),
        incident.elementInstanceKey(), incident.processInstanceKey(), incident.processDefinitionKey(),
        incident.bpmnProcessId(), incident.jobKey(), incident.tenantId(), now);
    sql.write("INSERT INTO engine_incident_history (incident_key, error_type, error_message, element_id, "
            + "element_instance_key, process_instance_key, process_definition_key, bpmn_process_id, job_key, state, "
            + "creation_time, tenant_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?)",
        incident.key(), incident.errorType(), incident.errorMessage(), incident.elementId(),
        incident.elementInstanceKey(), incident.processInstanceKey(), incident.processDefinitionKey(),
        incident.bpmnProcessId(), incident.jobKey(), now, incident.tenantId());
  }

  public Optional<IncidentRecord> find(long key) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM engine_incident WHERE incident_key = ?", IncidentStore::map, key);
  }

  public List<IncidentRecord> ofElementInstance(long elementInstanceKey) {
    return sql.query(
        "SELECT " + COLUMNS + " FROM engine_incident WHERE element_instance_key = ?",
        IncidentStore::map, elementInstanceKey);
  }

  public List<IncidentRecord> ofProcessInstance(long processInstanceKey) {
    return sql.query(
        "SELECT " + COLUMNS + " FROM engine_incident WHERE process_instance_key = ? ORDER BY incident_key",
        IncidentStore::map, processInstanceKey);
  }

  /** Removes an open incident; its history says RESOLVED. */
  public void delete(long key) {
    sql.write("DELETE FROM engine_incident WHERE incident_key = ?", key);
    sql.write("UPDATE engine_incident_history SET state = 'RESOLVED' WHERE incident_key = ?", key);
  }

  private static IncidentRecord map(ResultSet rs) throws SQLException {
    long job = rs.getLong(9);
    Long jobKey = rs.wasNull() ? null : job;
    return new IncidentRecord(
        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6),
        rs.getLong(7), rs.getString(8), jobKey, rs.getString(10));
  }
}
