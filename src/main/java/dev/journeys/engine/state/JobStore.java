package dev.journeys.engine.state;

import dev.journeys.engine.state.JobRecord.JobState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Jobs of active service and send tasks. */
public final class JobStore {

  private static final String COLUMNS =
      "job_key, job_type, state, retries, due_at, worker, element_instance_key, element_id, "
          + "process_instance_key, process_definition_key, bpmn_process_id, process_version, "
          + "custom_headers, error_message, tenant_id";

  private final Sql sql;

  JobStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(JobRecord job, long now) {
    sql.write(
        "INSERT INTO engine_job (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        job.key(), job.type(), job.state().name(), job.retries(), job.dueAt(), job.worker(),
        job.elementInstanceKey(), job.elementId(), job.processInstanceKey(), job.processDefinitionKey(),
        job.bpmnProcessId(), job.processVersion(), job.customHeaders(), job.errorMessage(), job.tenantId(), now);
  }

  public Optional<JobRecord> find(long key) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM engine_job WHERE job_key = ?", JobStore::map, key);
  }

  public Optional<JobRecord> findByElementInstance(long elementInstanceKey) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM engine_job WHERE element_instance_key = ?", JobStore::map, elementInstanceKey);
  }

  public List<JobRecord> activatable(String type, int max) {
    return sql.query(
        "SELECT " + COLUMNS + " FROM engine_job WHERE job_type = ? AND state = 'ACTIVATABLE' ORDER BY job_key LIMIT ?",
        JobStore::map, type, max);
  }

  /** When the job was created, in engine time (milliseconds since the epoch). */
  public long createdAt(long key) {
    return sql.queryOne("SELECT created_at FROM engine_job WHERE job_key = ?", rs -> rs.getLong(1), key).orElse(0L);
  }

  public void markActivated(long key, String worker, long deadline) {
    sql.write(
        "UPDATE engine_job SET state = 'ACTIVATED', worker = ?, due_at = ? WHERE job_key = ?", worker, deadline, key);
  }

  public void updateState(long key, JobState state, int retries, Long dueAt, String errorMessage) {
    sql.write(
        "UPDATE engine_job SET state = ?, retries = ?, due_at = ?, error_message = ? WHERE job_key = ?",
        state.name(), retries, dueAt, errorMessage, key);
  }

  public void updateRetries(long key, int retries) {
    sql.write("UPDATE engine_job SET retries = ? WHERE job_key = ?", retries, key);
  }

  public void updateDeadline(long key, long deadline) {
    sql.write("UPDATE engine_job SET due_at = ? WHERE job_key = ?", deadline, key);
  }

  public void delete(long key) {
    sql.write("DELETE FROM engine_job WHERE job_key = ?", key);
  }

  /** Activated jobs whose deadline passed and backed-off jobs whose backoff is over. */
  public List<JobRecord> due(long now, int max) {
    return sql.query(
        "SELECT " + COLUMNS + " FROM engine_job WHERE state IN ('ACTIVATED', 'BACKOFF') AND due_at <= ? ORDER BY due_at LIMIT ?",
        JobStore::map, now, max);
  }

  /** The earliest deadline or backoff end, or null when nothing is waiting on time. */
  public Long nextDueAt() {
    return sql.queryOne(
            "SELECT MIN(due_at) FROM engine_job WHERE state IN ('ACTIVATED', 'BACKOFF')",
            rs -> {
              long value = rs.getLong(1);
              return rs.wasNull() ? null : value;
            })
        .orElse(null);
  }

  private static JobRecord map(ResultSet rs) throws SQLException {
    long due = rs.getLong(5);
    Long dueAt = rs.wasNull() ? null : due;
    return new JobRecord(
        rs.getLong(1), rs.getString(2), JobState.valueOf(rs.getString(3)), rs.getInt(4), dueAt, rs.getString(6),
        rs.getLong(7), rs.getString(8), rs.getLong(9), rs.getLong(10), rs.getString(11), rs.getInt(12),
        rs.getString(13), rs.getString(14), rs.getString(15));
  }
}
