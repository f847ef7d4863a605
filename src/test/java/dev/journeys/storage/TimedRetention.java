package dev.journeys.storage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;

/**
 * The app's own {@link Retention} (its batch size, pause and kinds from the running context), with
 * each kind's batches timed: for the purge benchmark, which reports rows per second per kind and the
 * longest batch (one transaction) while the intake and the engine are under load.
 */
public final class TimedRetention {

  /** What one kind's purge did; times are System.nanoTime() values, 0 before the first batch. */
  public static final class Kind {
    private final String name;
    private long rows;
    private long batches;
    private long first;
    private long last;
    private long longestBatch;

    Kind(String name) {
      this.name = name;
    }

    public synchronized String name() {
      return name;
    }

    public synchronized long rows() {
      return rows;
    }

    public synchronized long batches() {
      return batches;
    }

    /** From the start of its first batch to the end of its last, pauses between batches included. */
    public synchronized double seconds() {
      return (last - first) / 1e9;
    }

    public synchronized double longestBatchMillis() {
      return longestBatch / 1e6;
    }

    synchronized void batch(long start, long end, int deleted) {
      if (first == 0) {
        first = start;
      }
      last = end;
      rows += deleted;
      batches++;
      longestBatch = Math.max(longestBatch, end - start);
    }
  }

  private final Retention retention;
  private final List<Kind> kinds = new ArrayList<>();

  public TimedRetention(ApplicationContext app) {
    List<RetentionPurge> timed = new ArrayList<>();
    for (RetentionPurge purge : app.getBeansOfType(RetentionPurge.class).values()) {
      Kind kind = new Kind(purge.kind());
      kinds.add(kind);
      timed.add(new RetentionPurge() {
        @Override
        public String kind() {
          return purge.kind();
        }

        @Override
        public int purgeBefore(Instant cutoff, int limit) {
          long start = System.nanoTime();
          int deleted = purge.purgeBefore(cutoff, limit);
          kind.batch(start, System.nanoTime(), deleted);
          return deleted;
        }
      });
    }
    retention = new Retention(timed, app.getBean(RetentionProperties.class), app.getBean(PeriodicTasks.class),
        Clock.systemUTC());
  }

  /** Runs the app's purge once, to the end: {@link Retention#purge()}. */
  public Map<String, Integer> purge() {
    return retention.purge();
  }

  public List<Kind> kinds() {
    return List.copyOf(kinds);
  }
}
