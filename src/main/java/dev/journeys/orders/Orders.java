package dev.journeys.orders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The orders module's public API: other modules read orders here, never from its tables. */
@Service
public class Orders {

  private final OrderStore store;
  private final ShipmentStore shipments;
  private final JdbcClient jdbc;

  Orders(OrderStore store, ShipmentStore shipments, JdbcClient jdbc) {
    this.store = store;
    this.shipments = shipments;
    this.jdbc = jdbc;
  }

  /** Which of the order's dates the shop promised, rather than Journeys assumed. */
  public Promises promises(String orderId) {
    return store.promises(orderId);
  }

  /**
   * A piece of shipping news about the order, by the key its journey message carried; empty for
   * an unknown key.
   */
  public Optional<ShipmentNews> news(String orderId, String newsKey) {
    return shipments.news(orderId, newsKey);
  }

  /**
   * Whether later news of the same kind about the order replaced this one, e.g. a carrier delay
   * reported again with its new date.
   */
  public boolean superseded(String orderId, ShipmentNews news) {
    return shipments.latestNews(orderId, news.kind()).filter(latest -> !latest.key().equals(news.key())).isPresent();
  }

  /**
   * The order with this id. Its journeyKey is null for the moment between the order being stored
   * and its journey being started.
   */
  public Optional<Order> find(String orderId) {
    return store.find(orderId);
  }

  /**
   * When the latest shop event about this order was accepted: the order itself, a shipment update,
   * a cancellation (Journeys' own follow-ups do not count). Empty for an unknown order.
   */
  public Optional<Instant> lastEventAcceptedAt(String orderId) {
    return jdbc.sql(
            """
            SELECT MAX(t) FROM (
              SELECT received_at AS t FROM orders WHERE order_id = ?
              UNION ALL
              SELECT received_at AS t FROM inbox WHERE order_id = ? AND source <> 'journeys') e""")
        .params(orderId, orderId)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .map(OffsetDateTime::toInstant);
  }

  /** The ids of the customer's orders (for erasure), oldest first. */
  public List<String> idsOfCustomer(String customerId) {
    return jdbc.sql("SELECT order_id FROM orders WHERE customer_id = ? ORDER BY received_at")
        .param(customerId).query(String.class).list();
  }

  /**
   * The lines of the most recently received orders, newest first (e.g. for recommendations).
   *
   * @param limit at most this many lines
   */
  public List<Order.Item> recentItems(int limit) {
    return jdbc.sql(
            """
            SELECT i.sku, i.name, i.quantity, i.unit_price
            FROM order_items i JOIN orders o ON o.order_id = i.order_id
            ORDER BY o.received_at DESC, i.order_id, i.line_no
            FETCH FIRST ? ROWS ONLY""")
        .param(limit)
        .query(
            (rs, n) ->
                new Order.Item(
                    rs.getString("sku"),
                    rs.getString("name"),
                    rs.getInt("quantity"),
                    rs.getBigDecimal("unit_price")))
        .list();
  }
}
