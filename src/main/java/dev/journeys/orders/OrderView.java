package dev.journeys.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * GET /api/orders/{orderId}: the order, its journey and its shipment. Contact details are left
 * out: they belong to the customer, and this answer ends up in logs and dashboards.
 */
record OrderView(
    String orderId,
    String customerId,
    String journeyKey,
    Instant placedAt,
    Instant receivedAt,
    Instant promisedShipBy,
    Instant promisedDeliverBy,
    LocalDate estimatedDelivery,
    List<Order.Item> items,
    BigDecimal total,
    String currency,
    String locale,
    Shipment shipment,
    Order.Cancellation cancellation) {

  /**
   * @param status the highest-ranking status so far; null before the first shipment event
   * @param lastCarrierIssue the latest DELAYED, FAILED_ATTEMPT or EXCEPTION, if any
   */
  record Shipment(
      ShipmentStatus status,
      ShipmentStatus lastCarrierIssue,
      String carrier,
      String trackingNumber,
      String trackingUrl,
      Instant updatedAt) {}

  static OrderView of(Order order) {
    Order.Shipment s = order.shipment();
    return new OrderView(
        order.orderId(),
        order.customerId(),
        order.journeyKey() == null ? null : Long.toString(order.journeyKey()),
        order.placedAt(),
        order.receivedAt(),
        order.promisedShipBy(),
        order.promisedDeliverBy(),
        order.estimatedDelivery(),
        order.items(),
        order.total(),
        order.currency(),
        order.locale(),
        new Shipment(s.status(), s.lastCarrierIssue(), s.carrier(), s.trackingNumber(), s.trackingUrl(), s.updatedAt()),
        order.cancellation());
  }
}
