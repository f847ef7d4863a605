package dev.journeys.engine.state;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The funnel counters of each process version (engine_funnel_element, engine_funnel_timing),
 * changed by the single writer in the transaction that records the element's change, so they are
 * exact and a rolled-back command leaves them as they were. The process itself counts under its own
 * id: started (entered), completed, cancelled, erased.
 */
public final class FunnelStore {

  /** Why a journey was cancelled. */
  public enum CancelReason {
    CANCELLED("cancelled"),
    ERASED("erased");

    private final String column;

    CancelReason(String column) {
      this.column = column;
    }
  }

  /** Start times of recent journeys: an element's entry needs its journey's start, usually just written. */
  private static final int STARTS_CACHED = 4096;

  private final Sql sql;
  private final Map<Long, Long> starts = new LinkedHashMap<>(STARTS_CACHED, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
      return size() > STARTS_CACHED;
    }
  };

  FunnelStore(Sql sql) {
    this.sql = sql;
  }

  /** A journey (process instance) started: the process's own row, entered at time zero. */
  public void journeyStarted(long definitionKey, String processId, long processInstanceKey, long now) {
    starts.put(processInstanceKey, now);
    count(definitionKey, processId, "journeys");
    timing(definitionKey, processId, 0);
  }

  /**
   * An element was entered (its history row is already written). The first time in its journey,
   * the journey counts as having reached it, {@code now} minus the journey's start after it began;
   * a later pass (a loop) counts only as one more entry.
   */
  public void entered(long definitionKey, String elementId, long elementInstanceKey, long processInstanceKey,
      long now) {
    boolean before = sql.queryOne("SELECT 1 FROM engine_element_instance_history WHERE process_instance_key = ? "
            + "AND element_id = ? AND element_instance_key <> ? FETCH FIRST 1 ROWS ONLY", rs -> rs.getInt(1),
        processInstanceKey, elementId, elementInstanceKey).isPresent();
    if (before) {
      count(definitionKey, elementId, "entered");
      return;
    }
    Long start = starts.get(processInstanceKey);
    if (start == null) {
      start = sql.queryOne("SELECT start_date FROM engine_process_instance_history WHERE process_instance_key = ?",
          rs -> rs.getLong(1), processInstanceKey).orElse(now);
      starts.put(processInstanceKey, start);
    }
    count(definitionKey, elementId, "journeys");
    timing(definitionKey, elementId, now - start);
  }

  /**
   * A multi-instance body was entered: the first time in its journey the journey counts as having
   * reached the element, but the body is no entry of its own; each inner instance (which shares the
   * body's element id) counts as one entry through {@link #entered}.
   */
  public void bodyEntered(long definitionKey, String elementId, long elementInstanceKey, long processInstanceKey,
      long now) {
    boolean before = sql.queryOne("SELECT 1 FROM engine_element_instance_history WHERE process_instance_key = ? "
            + "AND element_id = ? AND element_instance_key <> ? FETCH FIRST 1 ROWS ONLY", rs -> rs.getInt(1),
        processInstanceKey, elementId, elementInstanceKey).isPresent();
    if (before) {
      return;
    }
    Long start = starts.get(processInstanceKey);
    if (start == null) {
      start = sql.queryOne("SELECT start_date FROM engine_process_instance_history WHERE process_instance_key = ?",
          rs -> rs.getLong(1), processInstanceKey).orElse(now);
      starts.put(processInstanceKey, start);
    }
    count(definitionKey, elementId, "reached");
    timing(definitionKey, elementId, now - start);
  }

  /** A path of the journey ended at this element (or, for the process's own row, the journey completed). */
  public void completed(long definitionKey, String elementId) {
    count(definitionKey, elementId, "completed");
  }

  /** The journey was cancelled while waiting at this element (or, for the process's own row, it was cancelled). */
  public void cancelled(long definitionKey, String elementId, CancelReason reason) {
    count(definitionKey, elementId, reason.column);
  }

  /** The journey ended: its start is no longer needed. */
  public void journeyEnded(long processInstanceKey) {
    starts.remove(processInstanceKey);
  }

  /** Counts one more in {@code column}; "journeys" (a journey's first entry) counts as an entry too. */
  private void count(long definitionKey, String elementId, String column) {
    String set = switch (column) {
      case "journeys" -> "journeys = journeys + 1, entered = entered + 1";
      case "reached" -> "journeys = journeys + 1";
      default -> column + " = " + column + " + 1";
    };
    if (sql.update("UPDATE engine_funnel_element SET " + set + " WHERE process_definition_key = ? AND element_id = ?",
        definitionKey, elementId) == 0) {
      long first = one(column, "journeys") + one(column, "reached");
      sql.update("INSERT INTO engine_funnel_element (process_definition_key, element_id, journeys, entered, completed, "
              + "cancelled, erased) VALUES (?, ?, ?, ?, ?, ?, ?)", definitionKey, elementId, first,
          one(column, "journeys") + one(column, "entered"), one(column, "completed"), one(column, "cancelled"), one(column, "erased"));
    }
  }

  private static long one(String column, String which) {
    return column.equals(which) ? 1 : 0;
  }

  private void timing(long definitionKey, String elementId, long millis) {
    int bucket = TimeBuckets.of(millis);
    if (sql.update("UPDATE engine_funnel_timing SET entered = entered + 1 "
        + "WHERE process_definition_key = ? AND element_id = ? AND bucket = ?", definitionKey, elementId, bucket) == 0) {
      sql.update("INSERT INTO engine_funnel_timing (process_definition_key, element_id, bucket, entered) "
          + "VALUES (?, ?, ?, 1)", definitionKey, elementId, bucket);
    }
  }
}
