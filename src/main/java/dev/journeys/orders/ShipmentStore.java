package dev.journeys.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An order's shipment and cancellation columns. Callers lock the order first, in the transaction
 * that updates it, so two events for one order are applied one after the other.
 */
@Repository
class ShipmentStore {

  private final JdbcClient jdbc;

  ShipmentStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The order, locked until the caller's transaction ends; its items are not loaded. */
  Optional<Order> lock(String orderId) {
    return jdbc.sql("SELECT * FROM orders WHERE order_id = ? FOR UPDATE")
        .param(orderId)
        .query((rs, n) -> OrderRows.order(rs, List.of()))
        .optional();
  }

  /** Tracking details are not ranked: the latest given wins, absent ones keep what is stored. */
  void recordTracking(ShipmentReport report, Instant now) {
    jdbc.sql(
            """
            UPDATE orders SET carrier = COALESCE(?, carrier),
              tracking_number = COALESCE(?, tracking_number),
              tracking_url = COALESCE(?, tracking_url),
              estimated_delivery = COALESCE(?, estimated_delivery),
              shipment_updated_at = ?
            WHERE order_id = ?""")
        .params(
            report.carrier(),
            report.trackingNumber(),
            report.trackingUrl(),
            report.estimatedDelivery(),
            OrderRows.utc(now),
            report.orderId())
        .update();
  }

  void recordProgress(String orderId, ShipmentStatus status) {
    jdbc.sql("UPDATE orders SET shipment_status = ? WHERE order_id = ?")
        .params(status.name(), orderId)
        .update();
  }

  void recordIssue(String orderId, ShipmentStatus issue) {
    jdbc.sql("UPDATE orders SET carrier_issue = ? WHERE order_id = ?")
        .params(issue.name(), orderId)
        .update();
  }

  void recordCancellation(String orderId, String reason, Instant at) {
    jdbc.sql("UPDATE orders SET cancelled_at = ?, cancel_reason = ? WHERE order_id = ?")
        .params(OrderRows.utc(at), reason, orderId)
        .update();
  }
}
