package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.ShipmentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a message's news is still worth telling the customer when it is about to go out. Events
 * may reach us late (a backfill, a replayed or long-delayed webhook, an outage), and a careful
 * support agent would not confirm an order placed a month ago, announce "out for delivery" for a
 * parcel already delivered, or send "taking longer to ship" and "running late" at the same moment.
 * Checked at send time, against the order as it is now, for every channel alike.
 */
@Component
class NewsAge {

  /** Too old, or the order has already moved past what the message would say. */
  static final String STALE = "stale-news";
  /** The ship-by alert when the deliver-by date has passed too: the deliver-by alert says it all. */
  static final String COVERED = "covered-by-deliver-by-alert";

  static final String SHIP_BY_PASSED = "SHIP_BY_PASSED";
  static final String DELIVER_BY_PASSED = "DELIVER_BY_PASSED";

  private final StaleAfterProperties windows;
  private final Clock clock;

  NewsAge(StaleAfterProperties windows, Clock clock) {
    this.windows = windows;
    this.clock = clock;
  }

  /** Why this message is no longer news, if it is not; empty for templates without a window. */
  Optional<String> reasonToSkip(MessageRequest request, Order order) {
    if (order == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return switch (request.template()) {
      case "order-confirmation" -> olderThan(order.placedAt(), windows.orderConfirmation(), now);
      case "shipping-update" -> shippingUpdate(request, order, now);
      case "delay-alert" -> delayAlert(request, order, now);
      default -> Optional.empty();
    };
  }

  private Optional<String> shippingUpdate(MessageRequest request, Order order, Instant now) {
    ShipmentStatus told = status(request.facts().get("shipmentStatus"));
    ShipmentStatus current = order.shipment().status();
    if (told != null && current != null && current.advances(told)) {
      return Optional.of(STALE);
    }
    return olderThan(instant(request.facts().get("shipmentEventAt")), windows.shippingUpdate(), now);
  }

  private Optional<String> delayAlert(MessageRequest request, Order order, Instant now) {
    if (order.shipment().status() == ShipmentStatus.DELIVERED) {
      return Optional.of(STALE);
    }
    Object reason = request.facts().get("delayReason");
    if (SHIP_BY_PASSED.equals(reason)) {
      if (order.shipment().status() != null) {
        return Optional.of(STALE);
      }
      Optional<String> old = olderThan(order.promisedShipBy(), windows.delayAlert(), now);
      boolean deliverByPassed = order.promisedDeliverBy() != null && !order.promisedDeliverBy().isAfter(now);
      return old.isPresent() ? old : deliverByPassed ? Optional.of(COVERED) : Optional.empty();
    }
    if (DELIVER_BY_PASSED.equals(reason)) {
      return olderThan(order.promisedDeliverBy(), windows.delayAlert(), now);
    }
    return olderThan(instant(request.facts().get("carrierIssueAt")), windows.delayAlert(), now);
  }

  /** Unknown times are never stale: without a date we cannot tell, so the customer hears it. */
  private static Optional<String> olderThan(Instant at, Duration window, Instant now) {
    return at != null && Duration.between(at, now).compareTo(window) > 0 ? Optional.of(STALE) : Optional.empty();
  }

  private static ShipmentStatus status(Object value) {
    try {
      return value == null ? null : ShipmentStatus.valueOf(value.toString());
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  private static Instant instant(Object value) {
    try {
      return value == null || value.toString().isBlank() ? null : Instant.parse(value.toString());
    } catch (java.time.format.DateTimeParseException unreadable) {
      return null;
    }
  }
}
