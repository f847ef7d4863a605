package dev.journeys.orders;

import java.util.concurrent.Semaphore;
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
