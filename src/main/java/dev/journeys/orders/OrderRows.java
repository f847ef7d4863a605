package dev.journeys.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Maps rows of the orders table, shared by the stores that read it. */
final class OrderRows {

  private OrderRows() {}

  static Order order(ResultSet rs, List<Order.Item> items) throws SQLException {
    return new Order(
        rs.getString("order_id"),
        new Order.Customer(rs.getString("customer_email"), rs.getString("customer_name")),
        items,
        rs.getBigDecimal("total"),
        rs.getString("currency"),
        rs.getString("locale"),
        rs.getObject("estimated_delivery", LocalDate.class),
        rs.getObject("journey_key", Long.class),
        instant(rs, "received_at"),
        rs.getString("customer_id"),
        instant(rs, "placed_at"),
        instant(rs, "promised_ship_by"),
        instant(rs, "promised_deliver_by"),
        new Order.Shipment(
            status(rs.getString("shipment_status")),
            rs.getString("carrier"),
            rs.getString("tracking_number"),
            rs.getString("tracking_url"),
            status(rs.getString("carrier_issue")),
            instant(rs, "shipment_updated_at")),
        rs.getObject("cancelled_at") == null
            ? null
            : new Order.Cancellation(instant(rs, "cancelled_at"), rs.getString("cancel_reason")));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static ShipmentStatus status(String name) {
    return name == null ? null : ShipmentStatus.valueOf(name);
  }
}
