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
    ShipmentStatus current = order.shipment().status();
    if (report.progress() != null) {
      if (report.progress().advances(current)) {
        var outcome = messages.publish(
            JourneyMessage.shipmentUpdated(orderId, report.progress().name(), report.occurredAt()));
        store.recordProgress(orderId, report.progress());
        done.add("shipment-updated " + report.progress() + " " + outcome);
      } else {
        done.add("no message for %s: the order is already %s".formatted(report.progress(), current));
      }
    }
    if (report.issue() != null) {
      if (current == ShipmentStatus.DELIVERED) {
        done.add("no message for %s: the order was delivered".formatted(report.issue()));
      } else {
        var outcome = messages.publish(
            JourneyMessage.carrierIssueReported(orderId, report.issue().name(), report.eventId(), report.occurredAt()));
        store.recordIssue(orderId, report.issue());
        done.add("carrier-issue-reported " + report.issue() + " " + outcome);
      }
    }
    return done.isEmpty() ? "tracking recorded" : String.join("; ", done);
  }

  private Order locked(String orderId) {
    return store.lock(orderId).orElseThrow(() -> UnprocessableEventException.unknownOrder(orderId));
  }
}
