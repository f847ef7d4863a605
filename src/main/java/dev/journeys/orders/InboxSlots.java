package dev.journeys.orders;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * The {@code journeys.orders.inbox.concurrency} events that may be processed at once, shared by
 * the poller and by {@link Inbox}, which hands a new event straight to a worker when one is free.
 * None is free until the poller opens them (processing starts once the journeys are deployed and
 * leases left by a dead process are released), and none after it closes them (shutting down).
 */
@Component
class InboxSlots {

  private final Semaphore slots = new Semaphore(0);
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
  }

  void open() {
    open = true;
    slots.release(concurrency);
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

  /** A new event was stored to wait for the poller; returns the mark {@link #noneWaiting} needs. */
  long eventWaits() {
    long mark = marks.incrementAndGet();
    waiting.set(mark);
    return mark;
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
