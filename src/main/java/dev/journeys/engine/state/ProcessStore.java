package dev.journeys.engine.state;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Deployed process definitions and their BPMN XML. */
public final class ProcessStore {

  private static final String COLUMNS =
      "definition_key, bpmn_process_id, version, resource_name, checksum, tenant_id";

  private final Sql sql;

  private final Map<Long, ProcessRecord> byKey = new HashMap<>();

  ProcessStore(Sql sql) {
    this.sql = sql;
  }

  public void insertDeployment(long deploymentKey, String tenantId, long now) {
    sql.update(
        "INSERT INTO engine_deployment (deployment_key, tenant_id, created_at) VALUES (?, ?, ?)",
        deploymentKey, tenantId, now);
  }

  public void insert(ProcessRecord process, byte[] resource, long deploymentKey, long now) {
    sql.update(
        "INSERT INTO engine_process (" + COLUMNS + ", resource, deployment_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        process.key(), process.bpmnProcessId(), process.version(), process.resourceName(), process.checksum(),
        process.tenantId(), new String(resource, StandardCharsets.UTF_8), deploymentKey, now);
  }

  public Optional<ProcessRecord> latest(String bpmnProcessId) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM engine_process WHERE bpmn_process_id = ? ORDER BY version DESC LIMIT 1",
        ProcessStore::map, bpmnProcessId);
  }

  public Optional<ProcessRecord> byVersion(String bpmnProcessId, int version) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM engine_process WHERE bpmn_process_id = ? AND version = ?",
        ProcessStore::map, bpmnProcessId, version);
  }

  /** A deployed definition never changes, so once read it is remembered for the writer's life. */
  public Optional<ProcessRecord> byKey(long key) {
    ProcessRecord known = byKey.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<ProcessRecord> found =
        sql.queryOne("SELECT " + COLUMNS + " FROM engine_process WHERE definition_key = ?", ProcessStore::map, key);
    found.ifPresent(process -> byKey.put(key, process));
    return found;
  }

  /** Drops what is remembered: a rolled-back deployment's definition must not be found. */
  void forget() {
    byKey.clear();
  }

  public byte[] resource(long key) {
    return sql.queryOne("SELECT resource FROM engine_process WHERE definition_key = ?", rs -> rs.getString(1), key)
        .map(xml -> xml.getBytes(StandardCharsets.UTF_8))
        .orElseThrow();
  }

  private static ProcessRecord map(ResultSet rs) throws SQLException {
    return new ProcessRecord(
        rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6));
  }
}
