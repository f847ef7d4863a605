package dev.journeys.orders;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The events this process holds claimed, shared by the poller and by {@link Inbox}, which claims a
 * new event as it stores it when a slot is free: up to {@value #HELD_PER_WORKER} times
 * {@code journeys.orders.inbox.concurrency}, of which that many run at once and the rest wait their
 * turn in memory. Holding more than run lets the poller claim a backlog in batches, one commit for
 * many events, instead of one event per commit as slots come free. None is free until the poller
 * opens them (processing starts once the journeys are deployed and leases left by a dead process are
 * released), and none after it closes them (shutting down).
 */
@Component
class InboxSlots {

  static final int HELD_PER_WORKER = 4;

  private final Semaphore slots = new Semaphore(0);
  // Held events take their turn to run in the order they ask (a fair semaphore).
  private final Semaphore running;
  // Non-zero while events are known to wait in the table for the poller: a new event then waits in
  // line behind them instead of taking the slot a finished one gives back. Without it, under load,
  // new events took nearly every freed slot and the waiting ones starved (a p99 of 20 s at 100
  // orders/s with a p50 of 47 ms).
  private final AtomicLong waiting = new AtomicLong();
  private final AtomicLong marks = new AtomicLong();
  private final int concurrency;
  private volatile boolean open;

  InboxSlots(InboxProperties properties) {
    this.concurrency = properties.concurrency();
    this.running = new Semaphore(concurrency, true);
  }

  void open() {
    open = true;
    slots.release(capacity());
  }

  /** How many events this process holds claimed at most. */
  int capacity() {
    return concurrency * HELD_PER_WORKER;
  }

  /** Free slots: events that could be claimed now. */
  int free() {
    return slots.availablePermits();
  }

  /**
   * Runs a held event's processing when its turn comes, at most {@code concurrency} at once; false,
   * without running it, when processing stopped while it waited.
   */
  boolean runInTurn(Runnable processing) {
    running.acquireUninterruptibly();
    try {
      if (!open) {
        return false;
      }
      processing.run();
      return true;
    } finally {
      running.release();
    }
  }

  void close() {
    open = false;
  }

  boolean tryTake() {
    return open && slots.tryAcquire();
  }

  /** A slot for a new event, unless events already wait for the poller: they go first. */
  boolean tryTakeForNew() {
    return waiting.get() == 0 && tryTake();
  }

  /** A new event was stored to wait for the poller. */
  void eventWaits() {
    waiting.set(marks.incrementAndGet());
  }

  /** The mark of the latest event known to wait, 0 for none; read before the poller looks. */
  long waitingMark() {
    return waiting.get();
  }

  /**
   * The poller found fewer due events than it had slots for: nothing waited when it looked. An
   * event stored to wait since then set a new mark, which this leaves in place.
   */
  void noneWaiting(long markBeforeLooking) {
    if (markBeforeLooking != 0) {
      waiting.compareAndSet(markBeforeLooking, 0);
    }
  }

  /** Takes as many free slots as there are, up to {@code wanted}; how many it took. */
  int takeUpTo(int wanted) {
    int taken = 0;
    while (open && taken < wanted && slots.tryAcquire()) {
      taken++;
    }
    return taken;
  }

  void give(int count) {
    if (count > 0) {
      slots.release(count);
    }
  }
}
