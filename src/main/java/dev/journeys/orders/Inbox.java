package dev.journeys.orders;

import dev.journeys.faults.CrashPoints;
import dev.journeys.storage.TransactionBatcher;
import java.time.Clock;
import java.time.Instant;
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
  private final InboxSlots slots;
  private final InboxProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final TransactionBatcher batcher;

  Inbox(InboxStore store, InboxSlots slots, InboxProperties properties, ApplicationEventPublisher events,
      Clock clock, TransactionBatcher batcher) {
    this.clock = clock;
    this.store = store;
    this.batcher = batcher;
    this.slots = slots;
    this.properties = properties;
    this.events = events;
  }

  /**
   * Tells the poller that work is waiting (after the commit, when inside a transaction).
   *
   * @param claimed the new event itself when it was claimed as it was stored, holding one of the
   *     {@link InboxSlots}: the poller runs it at once; null when the poller should look
   */
  record WorkArrived(InboxEntry claimed) {}

  /**
   * Stores the event. When a worker is free, no event waits for the poller and no earlier event of
   * the order is unfinished, the event is claimed in the same commit and handed to that worker after
   * it, without a poll; otherwise it waits in line for the poller.
   */
  InboxEntry.Stored accept(InboxEntry.New event) {
    Instant now = clock.instant();
    boolean slot = slots.tryTakeForNew();
    InboxEntry.Stored stored;
    try {
      // Webhooks arriving together share a commit (inside a caller's transaction: that one).
      Instant leaseUntil = slot ? now.plus(properties.lease()) : null;
      stored = batcher.execute(() -> store.insert(event, now, leaseUntil));
    } catch (RuntimeException e) {
      slots.give(slot ? 1 : 0);
      throw e;
    }
    boolean handOff = slot && !stored.duplicate() && stored.entry().state() == InboxEntry.State.PROCESSING;
    if (slot && !handOff) {
      slots.give(1);
    }
    if (!stored.duplicate() && stored.entry().state() == InboxEntry.State.PENDING) {
      slots.eventWaits();
    }
    if (stored.duplicate()) {
      log.info(
          "{} {} ({}) is a repeat of inbox event {}; nothing new",
          event.source(), event.topic(), event.businessKey(), stored.entry().id());
    } else {
      log.debug("Stored {} {} as inbox event {}", event.source(), event.topic(), stored.entry().id());
      CrashPoints.reached(CrashPoints.Point.AFTER_INBOX_INSERT);
      events.publishEvent(new WorkArrived(handOff ? stored.entry() : null));
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
      events.publishEvent(new WorkArrived(null));
    }
    return unparked;
  }

  /** The order now exists: the events that were parked waiting for it are retried. */
  void orderArrived(String orderId) {
    int unparked = store.unparkWaitingFor(orderId, clock.instant());
    if (unparked > 0) {
      log.info("Order {} arrived: retrying {} inbox event(s) parked for it", orderId, unparked);
      events.publishEvent(new WorkArrived(null));
    }
  }
}
