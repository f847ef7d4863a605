package dev.journeys.orders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The orders module's public read side for people (the ops dashboard): which journey an order runs
 * in, a customer's orders, and the events that came in for them. The orders table keeps each order's
 * journey (process instance) key, so an order is found after its journey ended and the engine let go
 * of its variables.
 */
@Service
public class OrderLookup {

  /** An order and the process instance key of its post-purchase journey (null while it starts). */
  public record OrderRef(String orderId, String customerId, Long journeyKey, Instant receivedAt) {}

  /** One inbound event (without its body, which holds contact details). */
  public record InboxEvent(long id, String source, String topic, String orderId, String state, String parkCode,
      String reason, String outcome, Instant receivedAt, Instant processedAt) {}

  private final JdbcClient jdbc;

  OrderLookup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<OrderRef> order(String orderId) {
    return jdbc.sql("SELECT order_id, customer_id, journey_key, received_at FROM orders WHERE order_id = ?")
        .param(orderId).query(OrderLookup::ref).optional();
  }

  /** The order whose journey is this process instance, if any. */
  public Optional<OrderRef> byJourney(long processInstanceKey) {
    return jdbc.sql("SELECT order_id, customer_id, journey_key, received_at FROM orders WHERE journey_key = ?")
        .param(processInstanceKey).query(OrderLookup::ref).optional();
  }

  /** A customer's orders, newest first. */
  public List<OrderRef> ofCustomer(String customerId, int limit) {
    return jdbc.sql("""
            SELECT order_id, customer_id, journey_key, received_at FROM orders WHERE customer_id = ?
            ORDER BY received_at DESC FETCH FIRST ? ROWS ONLY""")
        .param(customerId).param(limit).query(OrderLookup::ref).list();
  }

  /** The events received for these orders, oldest first. */
  public List<InboxEvent> events(List<String> orderIds, int limit) {
    if (orderIds.isEmpty()) {
      return List.of();
    }
    String marks = String.join(",", orderIds.stream().map(id -> "?").toList());
    return jdbc.sql("""
            SELECT id, source, topic, order_id, state, park_code, last_error, outcome, received_at, processed_at
            FROM inbox WHERE order_id IN (%s) ORDER BY id FETCH FIRST %d ROWS ONLY""".formatted(marks, limit))
        .params(List.copyOf(orderIds))
        .query((rs, n) -> new InboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), instant(rs.getObject(9, OffsetDateTime.class)),
            instant(rs.getObject(10, OffsetDateTime.class))))
        .list();
  }

  private static OrderRef ref(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    long key = rs.getLong(3);
    return new OrderRef(rs.getString(1), rs.getString(2), rs.wasNull() ? null : key,
        instant(rs.getObject(4, OffsetDateTime.class)));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
