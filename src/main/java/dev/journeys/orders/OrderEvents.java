package dev.journeys.orders;

import dev.journeys.journey.JourneyMessage;
import dev.journeys.journey.JourneyMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies shipment and cancellation events to an order and tells its journey.
 *
 * <p>Each event runs in one transaction that locks the order row: events for one order apply one
 * at a time, so the rank check and the update cannot interleave. The message is published inside
 * that transaction, before the commit: if publishing fails nothing is recorded and the inbox retries;
 * if the commit fails after publishing, the retry publishes again and the engine drops the copy by
 * its message id.
 */
@Service
class OrderEvents {

  private final ShipmentStore store;
  private final JourneyMessages messages;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  OrderEvents(ShipmentStore store, JourneyMessages messages, TransactionTemplate transaction, Clock clock,
      ApplicationEventPublisher events) {
    this.clock = clock;
    this.events = events;
    this.store = store;
    this.messages = messages;
    this.transaction = transaction;
  }

  /** @return what was done, e.g. "shipment-updated IN_TRANSIT" or why nothing was */
  String reportShipment(ShipmentReport report) {
    return transaction.execute(status -> applyShipment(report));
  }

  String cancel(String orderId, String reason) {
    return transaction.execute(
        status -> {
          Order order = locked(orderId);
          if (order.cancelled()) {
            return "nothing: already cancelled at " + order.cancellation().at();
          }
          var outcome = messages.publish(JourneyMessage.orderCancelled(orderId));
          store.recordCancellation(orderId, reason, clock.instant());
          events.publishEvent(new OrderCancelled(orderId, order.customerId()));
          return "order-cancelled " + outcome;
        });
  }

  private String applyShipment(ShipmentReport report) {
    String orderId = report.orderId();
    Order order = locked(orderId);
    Instant now = clock.instant();
    store.recordTracking(report, now);
    if (order.cancelled()) {
      // Cancellation ends the journey: nothing else is sent.
      return "tracking recorded; no message: the order was cancelled";
    }
    List<String> done = new ArrayList<>();
    if (report.progress() != null) {
      done.add(progress(order, report, now));
    }
    if (report.issue() != null) {
      done.add(issue(order, report, now));
    }
    return done.isEmpty() ? "tracking recorded" : String.join("; ", done);
  }

  /**
   * Forward only, once per status; a parcel ready for pickup is told again when where or until
   * when to collect it changed.
   */
  private String progress(Order order, ShipmentReport report, Instant now) {
    String orderId = order.orderId();
    ShipmentStatus status = report.progress();
    ShipmentStatus current = order.shipment().status();
    ShipmentNews news = news(report, status, now);
    boolean isNew = store.recordNews(orderId, news, now);
    if (status.advances(current)) {
      var outcome = messages.publish(
          JourneyMessage.shipmentUpdated(orderId, status.name(), news.key()).reportedAt(report.occurredAt()));
      store.recordProgress(orderId, status, news.occurredAt());
      return "shipment-updated " + status + " " + outcome;
    }
    if (status == current && status == ShipmentStatus.READY_FOR_PICKUP && isNew) {
      var outcome = messages.publish(
          JourneyMessage.shipmentRetold(orderId, status.name(), news.key()).reportedAt(report.occurredAt()));
      return "shipment-updated " + status + " (new pickup details) " + outcome;
    }
    return "no message for %s: the order is already %s".formatted(status, current);
  }

  /**
   * Every report reaches the journey; one that repeats earlier news is then skipped by the
   * outbox (same-news), where the other reasons a message was not sent are recorded too.
   */
  private String issue(Order order, ShipmentReport report, Instant now) {
    if (order.shipment().status() == ShipmentStatus.DELIVERED) {
      return "no message for %s: the order was delivered".formatted(report.issue());
    }
    ShipmentNews news = news(report, report.issue(), now);
    boolean isNew = store.recordNews(order.orderId(), news, now);
    var outcome = messages.publish(JourneyMessage.carrierIssueReported(
        order.orderId(), report.issue().name(), report.eventId(), news.key()).reportedAt(report.occurredAt()));
    store.recordIssue(order.orderId(), report.issue(), isNew);
    return "carrier-issue-reported " + report.issue() + " " + outcome + (isNew ? "" : " (same news as before)");
  }

  private ShipmentNews news(ShipmentReport report, ShipmentStatus kind, Instant now) {
    return ShipmentNews.of(report, kind, store.latestNews(report.orderId(), kind).orElse(null), now);
  }

  private Order locked(String orderId) {
    return store.lock(orderId).orElseThrow(() -> UnprocessableEventException.unknownOrder(orderId));
  }
}
