package dev.journeys.engine.state;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The funnel counters of each process version (engine_funnel_element, engine_funnel_timing),
 * changed by the single writer in the transaction that records the element's change, so they are
 * exact and a rolled-back command leaves them as they were. The counts of a batch are summed in
 * memory and written together just before it commits ({@link #flush()}); a command rolled back to
 * its savepoint drops its own ({@link #rollBackTo(int)}). The process itself counts under its own
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

  private final List<Delta> pending = new ArrayList<>();
  /**
   * The elements each journey started by this writer has entered so far: for those, whether an
   * element was reached before is known without asking the history (which only this writer fills).
   */
  private final Map<Long, Set<String>> reached = new LinkedHashMap<>(STARTS_CACHED, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Set<String>> eldest) {
      return size() > STARTS_CACHED;
    }
  };

  FunnelStore(Sql sql) {
    this.sql = sql;
  }

  /** A journey (process instance) started: the process's own row, entered at time zero. */
  public void journeyStarted(long definitionKey, String processId, long processInstanceKey, long now) {
    starts.put(processInstanceKey, now);
    reached.put(processInstanceKey, new HashSet<>());
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
    boolean before = reachedBefore(elementId, elementInstanceKey, processInstanceKey);
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
    boolean before = reachedBefore(elementId, elementInstanceKey, processInstanceKey);
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

  /** Whether another instance of the element was entered before in this journey (and notes this one). */
  private boolean reachedBefore(String elementId, long elementInstanceKey, long processInstanceKey) {
    Set<String> known = reached.get(processInstanceKey);
    if (known != null) {
      return !known.add(elementId);
    }
    return sql.queryOne("SELECT 1 FROM engine_element_instance_history WHERE process_instance_key = ? "
            + "AND element_id = ? AND element_instance_key <> ? FETCH FIRST 1 ROWS ONLY", rs -> rs.getInt(1),
        processInstanceKey, elementId, elementInstanceKey).isPresent();
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
    reached.remove(processInstanceKey);
  }

  /** Counts one more in {@code column}; "journeys" (a journey's first entry) counts as an entry too. */
  private void count(long definitionKey, String elementId, String column) {
    pending.add(new Delta(definitionKey, elementId, column, -1));
  }

  private void timing(long definitionKey, String elementId, long millis) {
    pending.add(new Delta(definitionKey, elementId, null, TimeBuckets.of(millis)));
  }

  /** How many counts are waiting for {@link #flush()}: a command's savepoint remembers it. */
  public int mark() {
    return pending.size();
  }

  /** The command since {@code mark} was rolled back: its counts are forgotten. */
  public void rollBackTo(int mark) {
    pending.subList(Math.min(mark, pending.size()), pending.size()).clear();
    reached.clear(); // what a rolled-back command entered was not entered: ask the history again
  }

  /**
   * Writes the batch's counts, summed per row, just before the batch commits: one batched UPDATE
   * per table (a single round trip on PostgreSQL, however many journeys moved) and an INSERT for
   * rows seen for the first time.
   */
  public void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<List<Object>, long[]> elements = new LinkedHashMap<>();
    Map<List<Object>, long[]> timings = new LinkedHashMap<>();
    for (Delta delta : pending) {
      if (delta.column() == null) {
        timings.computeIfAbsent(List.of(delta.definitionKey(), delta.elementId(), delta.bucket()),
            k -> new long[1])[0]++;
        continue;
      }
      long[] sums = elements.computeIfAbsent(List.of(delta.definitionKey(), delta.elementId()), k -> new long[5]);
      switch (delta.column()) {
        case "journeys" -> {
          sums[0]++;
          sums[1]++;
        }
        case "reached" -> sums[0]++;
        case "entered" -> sums[1]++;
        case "completed" -> sums[2]++;
        case "cancelled" -> sums[3]++;
        case "erased" -> sums[4]++;
        default -> throw new IllegalArgumentException("Expected a funnel column, but got " + delta.column());
      }
    }
    pending.clear();
    List<Object[]> missing = new ArrayList<>();
    List<Map.Entry<List<Object>, long[]>> rows = new ArrayList<>(elements.entrySet());
    int[] updated = sql.updateBatch("UPDATE engine_funnel_element SET journeys = journeys + ?, entered = entered + ?, "
            + "completed = completed + ?, cancelled = cancelled + ?, erased = erased + ? "
            + "WHERE process_definition_key = ? AND element_id = ?",
        rows.stream().map(e -> new Object[] {e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
            e.getValue()[4], e.getKey().get(0), e.getKey().get(1)}).toList());
    for (int i = 0; i < rows.size(); i++) {
      if (updated[i] == 0) {
        long[] v = rows.get(i).getValue();
        missing.add(new Object[] {rows.get(i).getKey().get(0), rows.get(i).getKey().get(1), v[0], v[1], v[2], v[3], v[4]});
      }
    }
    sql.updateBatch("INSERT INTO engine_funnel_element (process_definition_key, element_id, journeys, entered, "
        + "completed, cancelled, erased) VALUES (?, ?, ?, ?, ?, ?, ?)", missing);
    missing.clear();
    List<Map.Entry<List<Object>, long[]>> buckets = new ArrayList<>(timings.entrySet());
    updated = sql.updateBatch("UPDATE engine_funnel_timing SET entered = entered + ? "
            + "WHERE process_definition_key = ? AND element_id = ? AND bucket = ?",
        buckets.stream().map(e -> new Object[] {e.getValue()[0], e.getKey().get(0), e.getKey().get(1),
            e.getKey().get(2)}).toList());
    for (int i = 0; i < buckets.size(); i++) {
      if (updated[i] == 0) {
        List<Object> key = buckets.get(i).getKey();
        missing.add(new Object[] {key.get(0), key.get(1), key.get(2), buckets.get(i).getValue()[0]});
      }
    }
    sql.updateBatch("INSERT INTO engine_funnel_timing (process_definition_key, element_id, bucket, entered) "
        + "VALUES (?, ?, ?, ?)", missing);
  }

  /** One count waiting for the batch's flush: a column of the element's row, or (column null) a timing bucket. */
  private record Delta(long definitionKey, String elementId, String column, int bucket) {}
}
