package dev.journeys.simulate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read-only questions about the embedded engine's state that the Camunda client cannot ask: is any
 * job waiting for a worker, when is the next timer due. The simulator needs them to know when the
 * app has finished reacting and how far it may move the clock; it reads the engine's tables in the
 * simulation's own in-memory database and never writes them.
 */
final class EngineProbe {

  /** A journey (process instance) as the engine's history has it. */
  record Journey(long key, String processId, int version, String state, Instant started, Instant ended) {}

  /** An incident: a step that failed for good and waits for an operator. */
  record Incident(String processId, String elementId, String message, Instant at) {}

  private final JdbcClient jdbc;

  EngineProbe(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Jobs a worker should take or is working on, and timers and backoffs that fell due but did not fire yet. */
  boolean busy(Instant now) {
    long millis = now.toEpochMilli();
    return count("SELECT COUNT(*) FROM engine_job WHERE state IN ('ACTIVATABLE', 'ACTIVATED')") > 0
        || count("SELECT COUNT(*) FROM engine_timer WHERE due_at <= " + millis) > 0
        || count("SELECT COUNT(*) FROM engine_job WHERE state = 'BACKOFF' AND due_at <= " + millis) > 0;
  }

  /** The next moment the engine will do something by itself: a timer, or a failed job's retry. */
  Optional<Instant> nextDue() {
    Long timer = min("SELECT MIN(due_at) FROM engine_timer");
    Long backoff = min("SELECT MIN(due_at) FROM engine_job WHERE state = 'BACKOFF'");
    // Boxed throughout: a mixed Long/long conditional unboxes a null backoff when there is no timer.
    Long next = timer == null ? backoff : backoff == null ? timer : Long.valueOf(Math.min(timer, backoff));
    return Optional.ofNullable(next).map(Instant::ofEpochMilli);
  }

  int running() {
    return count("SELECT COUNT(*) FROM engine_process_instance_history WHERE state = 'ACTIVE'");
  }

  List<Journey> journeys() {
    return jdbc.sql("""
            SELECT process_instance_key, bpmn_process_id, process_version, state, start_date, end_date
            FROM engine_process_instance_history ORDER BY start_date, process_instance_key""")
        .query((rs, n) -> new Journey(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            Instant.ofEpochMilli(rs.getLong(5)), rs.getObject(6) == null ? null : Instant.ofEpochMilli(rs.getLong(6))))
        .list();
  }

  List<Incident> incidents() {
    return jdbc.sql("SELECT bpmn_process_id, element_id, error_message, created_at FROM engine_incident ORDER BY created_at")
        .query((rs, n) -> new Incident(rs.getString(1), rs.getString(2), rs.getString(3),
            Instant.ofEpochMilli(rs.getLong(4))))
        .list();
  }

  private int count(String sql) {
    return jdbc.sql(sql).query(Integer.class).single();
  }

  private Long min(String sql) {
    return jdbc.sql(sql).query((rs, n) -> {
      long value = rs.getLong(1);
      return rs.wasNull() ? null : value;
    }).list().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
  }
}
