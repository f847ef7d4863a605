package dev.journeys.orders;

import dev.journeys.faults.CrashPoints;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Stores inbound events before their sender is answered, so that nothing accepted is lost, and
 * hands them to the poller. A repeat of a stored event finds the first row and changes nothing.
 */
@Service
class Inbox {

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final InboxStore store;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Inbox(InboxStore store, ApplicationEventPublisher events, Clock clock) {
    this.clock = clock;
    this.store = store;
    this.events = events;
  }

  /** Tells the poller that work is waiting (after the commit, when inside a transaction). */
  record WorkArrived() {}

  InboxEntry.Stored accept(InboxEntry.New event) {
    InboxEntry.Stored stored = store.insert(event, clock.instant());
    if (stored.duplicate()) {
      log.info(
          "{} {} ({}) is a repeat of inbox event {}; nothing new",
          event.source(), event.topic(), event.businessKey(), stored.entry().id());
    } else {
      log.debug("Stored {} {} as inbox event {}", event.source(), event.topic(), stored.entry().id());
      CrashPoints.reached(CrashPoints.Point.AFTER_INBOX_INSERT);
      events.publishEvent(new WorkArrived());
    }
    return stored;
  }

  Optional<InboxEntry> find(long id) {
    return store.find(id);
  }

  List<InboxEntry> list(InboxEntry.State state, int limit) {
    return store.list(state, limit);
  }

  /** Puts a parked event back in line; false when it is not parked. */
  boolean retry(long id) {
    boolean unparked = store.unpark(id, clock.instant());
    if (unparked) {
      log.info("Inbox event {} is retried on request", id);
      events.publishEvent(new WorkArrived());
    }
    return unparked;
  }

  /** The order now exists: the events that were parked waiting for it are retried. */
  void orderArrived(String orderId) {
    int unparked = store.unparkWaitingFor(orderId, clock.instant());
    if (unparked > 0) {
      log.info("Order {} arrived: retrying {} inbox event(s) parked for it", orderId, unparked);
      events.publishEvent(new WorkArrived());
    }
  }
}
