package dev.journeys.orders;

import java.util.concurrent.Semaphore;
import org.springframework.stereotype.Component;

/**
 * The {@code journeys.orders.inbox.concurrency} events that may be processed at once, shared by
 * the poller and by {@link Inbox}, which hands a new event straight to a worker when one is free.
 */
@Component
class InboxSlots {

  private final Semaphore slots;

  InboxSlots(InboxProperties properties) {
    this.slots = new Semaphore(properties.concurrency());
  }

  boolean tryTake() {
    return slots.tryAcquire();
  }

  /** Takes as many free slots as there are, up to {@code wanted}; how many it took. */
  int takeUpTo(int wanted) {
    int taken = 0;
    while (taken < wanted && slots.tryAcquire()) {
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
