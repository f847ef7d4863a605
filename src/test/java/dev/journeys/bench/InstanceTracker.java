package dev.journeys.bench;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Acknowledgement times per process instance, and the job latency derived from them.
 *
 * <p>Job latency of task k is the time from the acknowledgement of the command that created its job
 * (the completion of task k-1, or the instance's creation for k = 1) to the acknowledgement of its
 * own completion, both as seen by the client. The engine creates the job of task k in the same
 * transaction that commits task k-1's completion, so this is "created to completed": queueing,
 * activation (long poll), the worker hand-off and the complete round trip. Acks may arrive out of
 * order on different client threads, so a latency is recorded once both ends are known.
 */
final class InstanceTracker {

  static final int STEPS = 5;

  private final long base = System.nanoTime() - 1; // so that a stored time is never 0 (0 = not yet)
  private final ConcurrentHashMap<Long, long[]> acks = new ConcurrentHashMap<>();
  private final Histogram jobLatency = new ConcurrentHistogram(3); // microseconds, auto-resizing
  private final Histogram createLatency = new ConcurrentHistogram(3);
  private final LongAdder created = new LongAdder();
  private final LongAdder completedJobs = new LongAdder();
  private final LongAdder finished = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder reordered = new LongAdder();
  private final AtomicLong lastCreateAck = new AtomicLong();
  private final AtomicLong lastCompleteAck = new AtomicLong();
  private final Runnable onFinished;
  private volatile long start;

  InstanceTracker(Runnable onFinished) {
    this.onFinished = onFinished;
  }

  void markStart() {
    start = System.nanoTime();
  }

  long start() {
    return start;
  }

  void created(long processInstanceKey, long sentAt) {
    long now = System.nanoTime();
    createLatency.recordValue(micros(now - sentAt));
    created.increment();
    lastCreateAck.accumulateAndGet(now, Math::max);
    record(processInstanceKey, 0, now);
  }

  void completed(long processInstanceKey, int step) {
    long now = System.nanoTime();
    completedJobs.increment();
    lastCompleteAck.accumulateAndGet(now, Math::max);
    record(processInstanceKey, step, now);
  }

  void failed() {
    failures.increment();
  }

  private void record(long key, int step, long nanos) {
    long[] times = acks.computeIfAbsent(key, k -> new long[STEPS + 1]);
    boolean done = true;
    synchronized (times) {
      times[step] = nanos - base;
      if (step > 0 && times[step - 1] != 0) {
        jobLatency.recordValue(micros(times[step] - times[step - 1]));
      }
      if (step < STEPS && times[step + 1] != 0) {
        jobLatency.recordValue(micros(times[step + 1] - times[step]));
      }
      for (long time : times) {
        done &= time != 0;
      }
    }
    if (done) {
      acks.remove(key);
      finished.increment();
      onFinished.run();
    }
  }

  /**
   * Two acks of one instance can be timed out of order when the callback of the earlier one is
   * delayed on a busy client thread; such a latency counts as 0 rather than as a negative value.
   */
  private long micros(long nanos) {
    if (nanos < 0) {
      reordered.increment();
      return 0;
    }
    return TimeUnit.NANOSECONDS.toMicros(nanos);
  }

  /** For a run that did not finish: a few unfinished instances and which acks they are missing. */
  String unfinished(int max) {
    StringBuilder text = new StringBuilder();
    acks.entrySet().stream().limit(max).forEach(entry -> {
      text.append(entry.getKey()).append(" missing");
      synchronized (entry.getValue()) {
        for (int step = 0; step <= STEPS; step++) {
          if (entry.getValue()[step] == 0) {
            text.append(step == 0 ? " create" : " t" + step);
          }
        }
      }
      text.append("; ");
    });
    return text.toString();
  }

  long createdCount() {
    return created.sum();
  }

  long completedJobs() {
    return completedJobs.sum();
  }

  long finishedCount() {
    return finished.sum();
  }

  long reordered() {
    return reordered.sum();
  }

  long failures() {
    return failures.sum();
  }

  long lastCreateAck() {
    return lastCreateAck.get();
  }

  long lastCompleteAck() {
    return lastCompleteAck.get();
  }

  Histogram jobLatency() {
    return jobLatency;
  }

  Histogram createLatency() {
    return createLatency;
  }
}
