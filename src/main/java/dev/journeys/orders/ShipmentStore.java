package dev.journeys.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * An order's shipment and cancellation columns. Callers lock the order first, in the transaction
 * that updates it, so two events for one order are applied one after the other. A change to an
 * order due on a day delivery honesty has added up already marks that day stale in the same
 * transaction (DeliveryRollup), so the figures count it live until it is added up again.
 */
@Repository
class ShipmentStore {

  private final JdbcClient jdbc;
  private final DeliveryDays days;

  /** With the system clock, for tests that build the stores by hand. */
  ShipmentStore(JdbcClient jdbc) {
    this(jdbc, Clock.systemUTC());
  }

  @Autowired
  ShipmentStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.days = new DeliveryDays(jdbc, clock);
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
    days.changed(report.orderId());
  }

  /**
   * The order's new status; the first progress also says when it shipped, and DELIVERED when it
   * was delivered (as the carrier reported it), for the delivery figures.
   */
  void recordProgress(String orderId, ShipmentStatus status, Instant occurredAt) {
    jdbc.sql(
            """
            UPDATE orders SET shipment_status = ?, shipped_at = COALESCE(shipped_at, ?),
              delivered_at = CASE WHEN ? THEN COALESCE(delivered_at, ?) ELSE delivered_at END
            WHERE order_id = ?""")
        .params(status.name(), OrderRows.utc(occurredAt), status == ShipmentStatus.DELIVERED,
            OrderRows.utc(occurredAt), orderId)
        .update();
    days.changed(orderId);
  }

  /** The latest issue, and one more distinct problem of its kind when the news is new. */
  void recordIssue(String orderId, ShipmentStatus issue, boolean isNew) {
    String counter = switch (issue) {
      case DELAYED -> "delays_reported";
      case FAILED_ATTEMPT -> "failed_attempts";
      case EXCEPTION -> "exceptions";
      default -> throw new IllegalArgumentException("Expected a carrier issue, but got " + issue);
    };
    jdbc.sql("UPDATE orders SET carrier_issue = ?, " + counter + " = " + counter + " + ? WHERE order_id = ?")
        .params(issue.name(), isNew ? 1 : 0, orderId)
        .update();
    if (isNew) {
      days.changed(orderId);
    }
  }

  void recordCancellation(String orderId, String reason, Instant at) {
    jdbc.sql("UPDATE orders SET cancelled_at = ?, cancel_reason = ? WHERE order_id = ?")
        .params(OrderRows.utc(at), reason, orderId)
        .update();
    days.changed(orderId);
  }

  /** A delay alert went out about the order (notify); the first one counts. */
  void recordDelayAlert(String orderId, Instant sentAt) {
    int first = jdbc.sql("UPDATE orders SET first_delay_alert_at = ? WHERE order_id = ? AND first_delay_alert_at IS NULL")
        .params(OrderRows.utc(sentAt), orderId)
        .update();
    if (first == 1) {
      days.changed(orderId);
    }
  }

  /**
   * Stores a piece of news about the order unless it is known already. Callers hold the order's
   * lock, so checking first cannot race with another report about it.
   *
   * @return true when the news is new
   */
  boolean recordNews(String orderId, ShipmentNews news, Instant now) {
    if (news(orderId, news.key()).isPresent()) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO shipment_news (order_id, news_key, kind, expected_delivery, pickup_place, pickup_until,
                                       occurred_at, reported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(orderId, news.key(), news.kind().name(), news.expectedDelivery(), news.pickupPlace(),
            news.pickupUntil(), OrderRows.utc(news.occurredAt()), OrderRows.utc(now))
        .update();
    return true;
  }

  Optional<ShipmentNews> news(String orderId, String key) {
    return jdbc.sql("SELECT * FROM shipment_news WHERE order_id = ? AND news_key = ?")
        .params(orderId, key)
        .query((rs, n) -> news(rs))
        .optional();
  }

  /** The latest news of this kind about the order: what a repeat that leaves details out repeats. */
  Optional<ShipmentNews> latestNews(String orderId, ShipmentStatus kind) {
    return jdbc.sql("SELECT * FROM shipment_news WHERE order_id = ? AND kind = ? ORDER BY seq DESC FETCH FIRST 1 ROWS ONLY")
        .params(orderId, kind.name())
        .query((rs, n) -> news(rs))
        .optional();
  }

  private static ShipmentNews news(java.sql.ResultSet rs) throws java.sql.SQLException {
    return new ShipmentNews(
        rs.getString("news_key"),
        ShipmentStatus.valueOf(rs.getString("kind")),
        rs.getObject("expected_delivery", java.time.LocalDate.class),
        rs.getString("pickup_place"),
        rs.getObject("pickup_until", java.time.LocalDate.class),
        OrderRows.instant(rs, "occurred_at"),
        OrderRows.instant(rs, "reported_at"));
  }
}
