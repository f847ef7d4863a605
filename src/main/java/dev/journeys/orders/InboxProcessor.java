package dev.journeys.orders;

import dev.journeys.journey.JourneyMessageNotPublishedException;
import dev.journeys.journey.JourneyNotStartedException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Processes one claimed inbox event and records what came of it: done, retried later with
 * exponential backoff, or parked with a reason for a person to look at.
 */
@Component
class InboxProcessor {

  private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
  private static final Pattern EMAIL = Pattern.compile("([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@");

  private final Map<String, InboxHandler> handlers = new HashMap<>();
  private final InboxStore store;
  private final OrderStore orders;
  private final InboxProperties properties;
  private final Clock clock;

  InboxProcessor(
      List<InboxHandler> handlers, InboxStore store, OrderStore orders, InboxProperties properties,
      Clock clock) {
    this.clock = clock;
    handlers.forEach(h -> h.topics().forEach(topic -> this.handlers.put(topic, h)));
    this.store = store;
    this.orders = orders;
    this.properties = properties;
  }

  void process(InboxEntry entry) {
    InboxHandler handler = handlers.get(entry.topic());
    if (handler == null) {
      park(entry, UnprocessableEventException.Code.UNKNOWN_TOPIC,
          "Expected a topic Journeys handles (%s), but got %s"
              .formatted(String.join(", ", new TreeSet<>(handlers.keySet())), entry.topic()));
      return;
    }
    try {
      InboxCompletion completion = new InboxCompletion(store, entry.id(), clock);
      String outcome = handler.handle(entry, completion);
      if (!completion.committed()) {
        store.complete(entry.id(), outcome, clock.instant());
      }
      log.info("Inbox event {} ({} {}): {}", entry.id(), entry.source(), entry.topic(), outcome);
    } catch (UnprocessableEventException e) {
      park(entry, e.code(), e.getMessage());
      if (e.code() == UnprocessableEventException.Code.UNKNOWN_ORDER
          && orders.find(e.orderId()).isPresent()) {
        // The order arrived while this event was being parked, too late to release it.
        store.unparkWaitingFor(e.orderId(), clock.instant());
      }
    } catch (RuntimeException e) {
      failed(entry, e);
    }
  }

  private void failed(InboxEntry entry, RuntimeException e) {
    String reason = mask(e.getMessage() == null ? e.getClass().getName() : e.getMessage());
    if (!isTransient(e) && entry.attempts() >= properties.maxAttempts()) {
      log.error("Inbox event {} ({}) failed {} times; parked", entry.id(), entry.topic(), entry.attempts(), e);
      park(entry, UnprocessableEventException.Code.FAILED,
          "Failed %d times, last: %s".formatted(entry.attempts(), reason));
      return;
    }
    Instant next = clock.instant().plus(properties.backoff(entry.attempts()));
    log.warn("Inbox event {} ({}) failed, attempt {}; retrying at {}: {}",
        entry.id(), entry.topic(), entry.attempts(), next, reason);
    store.retryLater(entry.id(), reason, next);
  }

  private void park(InboxEntry entry, UnprocessableEventException.Code code, String reason) {
    log.warn("Parked inbox event {} ({} {}): {}", entry.id(), entry.source(), entry.topic(), reason);
    store.park(entry.id(), code.name(), mask(reason), clock.instant());
  }

  /** Failures that go away by themselves: retried for as long as it takes. */
  private static boolean isTransient(RuntimeException e) {
    return e instanceof JourneyNotStartedException
        || e instanceof JourneyMessageNotPublishedException
        || e instanceof OrderBusyException
        || e instanceof TransientDataAccessException
        || e instanceof DataAccessResourceFailureException;
  }

  private static String mask(String text) {
    return EMAIL.matcher(text).replaceAll("$1***@");
  }
}
