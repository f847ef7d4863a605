package dev.journeys.engine.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Scheduled timers, found by due time; they cost rows, not heap. */
public final class TimerStore {

  private static final String COLUMNS = "timer_key, due_at, timer_kind, timer_spec, repetitions, element_id, "
      + "element_instance_key, process_instance_key, process_definition_key, bpmn_process_id";

  private final Sql sql;

  TimerStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(TimerRecord t, long now) {
    sql.write("INSERT INTO engine_timer (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        t.key(), t.dueAt(), t.kind(), t.spec(), t.repetitions(), t.elementId(), t.ownerKey(), t.processInstanceKey(),
        t.processDefinitionKey(), t.bpmnProcessId(), now);
  }

  /** Due timers in due order. */
  public List<TimerRecord> due(long now, int max) {
    return sql.query("SELECT " + COLUMNS + " FROM engine_timer WHERE due_at <= ? ORDER BY due_at, timer_key LIMIT ?",
        TimerStore::map, now, max);
  }

  public Long nextDueAt() {
    return sql.queryOne("SELECT MIN(due_at) FROM engine_timer", rs -> {
      long value = rs.getLong(1);
      return rs.wasNull() ? null : value;
    }).orElse(null);
  }

  public List<TimerRecord> ofOwner(long ownerKey) {
    return sql.query("SELECT " + COLUMNS + " FROM engine_timer WHERE element_instance_key = ?", TimerStore::map, ownerKey);
  }

  public void deleteOfOwner(long ownerKey) {
    sql.write("DELETE FROM engine_timer WHERE element_instance_key = ?", ownerKey);
  }

  /** Removes the timer start events of every version of a process. */
  public void deleteStartTimers(String bpmnProcessId) {
    sql.write("DELETE FROM engine_timer WHERE bpmn_process_id = ? AND element_instance_key IS NULL", bpmnProcessId);
  }

  public void delete(long key) {
    sql.write("DELETE FROM engine_timer WHERE timer_key = ?", key);
  }

  public void reschedule(long key, long dueAt, int repetitions) {
    sql.write("UPDATE engine_timer SET due_at = ?, repetitions = ? WHERE timer_key = ?", dueAt, repetitions, key);
  }

  private static TimerRecord map(ResultSet rs) throws SQLException {
    long owner = rs.getLong(7);
    Long ownerKey = rs.wasNull() ? null : owner;
    long instance = rs.getLong(8);
    Long processInstanceKey = rs.wasNull() ? null : instance;
    return new TimerRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5),
        rs.getString(6), ownerKey, processInstanceKey, rs.getLong(9), rs.getString(10));
  }
}
