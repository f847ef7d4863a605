package dev.journeys.orders;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The orders and order_items tables: every query of them, for writing and for reading. */
@Repository
class OrderStore {

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final TransactionTemplate savepoint;

  OrderStore(JdbcClient jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
    // Inside a caller's transaction a savepoint, so a taken claim does not abort it (PostgreSQL).
    this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
    savepoint.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * Stores the order, without a journey yet: its own short transaction, or a savepoint in the
   * caller's. The primary key makes this the claim on the order id: false when another request
   * holds it.
   */
  boolean claim(Order order, Instant now) {
    try {
      savepoint.executeWithoutResult(status -> insert(order, now));
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  void attachJourney(String orderId, long journeyKey) {
    jdbc.sql("UPDATE orders SET journey_key = ? WHERE order_id = ? AND journey_key IS NULL")
        .params(journeyKey, orderId)
        .update();
  }

  /** Takes over a claim whose journey never started; true when this caller now holds it. */
  boolean takeOverAbandoned(String orderId, Instant now, Instant claimedBefore) {
    return jdbc.sql(
                """
                UPDATE orders SET claimed_at = ?
                WHERE order_id = ? AND journey_key IS NULL AND claimed_at < ?""")
            .params(utc(now), orderId, utc(claimedBefore))
            .update()
        == 1;
  }

  /** Forgets an order whose journey could not be started, so the shop's retry starts afresh. */
  void release(String orderId) {
    transaction.executeWithoutResult(
        status -> {
          // Only an order without a journey: one with a journey was accepted and stays.
          jdbc.sql(
                  """
                  DELETE FROM order_items WHERE order_id IN
                    (SELECT order_id FROM orders WHERE order_id = ? AND journey_key IS NULL)""")
              .param(orderId)
              .update();
          // Its due day, if added up with it, is counted afresh (a later day's mark is harmless).
          jdbc.sql("SELECT promised_deliver_by FROM orders WHERE order_id = ? AND journey_key IS NULL")
              .param(orderId)
              .query((rs, n) -> OrderRows.instant(rs, "promised_deliver_by"))
              .optional()
              .ifPresent(due -> DeliveryDays.markStale(jdbc, due, java.time.Instant.parse("9999-12-31T00:00:00Z")));
          jdbc.sql("DELETE FROM orders WHERE order_id = ? AND journey_key IS NULL")
              .param(orderId)
              .update();
        });
  }

  Optional<Order> find(String orderId) {
    List<Order.Item> items =
        jdbc.sql(
                """
                SELECT sku, name, quantity, unit_price FROM order_items
                WHERE order_id = ? ORDER BY line_no""")
            .param(orderId)
            .query(OrderStore::item)
            .list();
    return jdbc.sql("SELECT * FROM orders WHERE order_id = ?")
        .param(orderId)
        .query((rs, n) -> OrderRows.order(rs, items))
        .optional();
  }

  /** The order with the key of its journey, without its lines. */
  Optional<OrderLookup.OrderRef> ref(String orderId) {
    return jdbc.sql("SELECT order_id, customer_id, journey_key, received_at FROM orders WHERE order_id = ?")
        .param(orderId).query(OrderStore::ref).optional();
  }

  Optional<OrderLookup.OrderRef> refByJourney(long processInstanceKey) {
    return jdbc.sql("SELECT order_id, customer_id, journey_key, received_at FROM orders WHERE journey_key = ?")
        .param(processInstanceKey).query(OrderStore::ref).optional();
  }

  /** A customer's orders, newest first. */
  List<OrderLookup.OrderRef> refsOfCustomer(String customerId, int limit) {
    return jdbc.sql("""
            SELECT order_id, customer_id, journey_key, received_at FROM orders WHERE customer_id = ?
            ORDER BY received_at DESC FETCH FIRST ? ROWS ONLY""")
        .param(customerId).param(limit).query(OrderStore::ref).list();
  }

  /** The ids of the customer's orders, oldest first. */
  List<String> idsOfCustomer(String customerId) {
    return jdbc.sql("SELECT order_id FROM orders WHERE customer_id = ? ORDER BY received_at")
        .param(customerId).query(String.class).list();
  }

  /** When the latest shop event about the order was accepted (the order, or an inbox event from the shop). */
  Optional<Instant> lastEventAcceptedAt(String orderId) {
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

  /** What a rating of the order is about; empty for an unknown order. */
  Optional<DeliveryFacts> deliveryFacts(String orderId) {
    List<String> skus = jdbc.sql("SELECT sku FROM order_items WHERE order_id = ? ORDER BY line_no")
        .param(orderId).query(String.class).list().stream().distinct().toList();
    return jdbc.sql(
            """
            SELECT order_id, journey_key, locale, carrier, promised_deliver_by, delivered_at
            FROM orders WHERE order_id = ?""")
        .param(orderId)
        .query((rs, n) -> new DeliveryFacts(rs.getString("order_id"), rs.getObject("journey_key") != null,
            rs.getString("locale"), rs.getString("carrier"), skus, OrderRows.instant(rs, "promised_deliver_by"),
            OrderRows.instant(rs, "delivered_at")))
        .optional();
  }

  /** The lines of the most recently received orders, newest first. */
  List<Order.Item> recentItems(int limit) {
    return jdbc.sql(
            """
            SELECT i.sku, i.name, i.quantity, i.unit_price
            FROM order_items i JOIN orders o ON o.order_id = i.order_id
            ORDER BY o.received_at DESC, i.order_id, i.line_no
            FETCH FIRST ? ROWS ONLY""")
        .param(limit)
        .query(OrderStore::item)
        .list();
  }

  private static Order.Item item(ResultSet rs, int row) throws SQLException {
    return new Order.Item(rs.getString("sku"), rs.getString("name"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"));
  }

  private static OrderLookup.OrderRef ref(ResultSet rs, int row) throws SQLException {
    long key = rs.getLong(3);
    return new OrderLookup.OrderRef(rs.getString(1), rs.getString(2), rs.wasNull() ? null : key,
        OrderRows.instant(rs, "received_at"));
  }

  /** Which dates the shop promised; recorded with the order's first claim. */
  void recordPromises(String orderId, Promises promises) {
    jdbc.sql("UPDATE orders SET ship_by_promised = ?, deliver_by_promised = ? WHERE order_id = ?")
        .params(promises.shipBy(), promises.deliverBy(), orderId)
        .update();
  }

  /** Which dates the shop promised; none for an unknown order or one taken before this was kept. */
  Promises promises(String orderId) {
    return jdbc.sql("SELECT ship_by_promised, deliver_by_promised FROM orders WHERE order_id = ?")
        .param(orderId)
        .query((rs, n) -> new Promises(rs.getBoolean(1), rs.getBoolean(2)))
        .optional()
        .orElse(Promises.NONE);
  }

  private void insert(Order order, Instant now) {
    jdbc.sql(
            """
            INSERT INTO orders (order_id, customer_email, customer_name, total, currency, locale,
                                estimated_delivery, received_at, claimed_at, customer_id, placed_at,
                                promised_ship_by, promised_deliver_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(
            order.orderId(),
            order.customer().email(),
            order.customer().name(),
            order.total(),
            order.currency(),
            order.locale(),
            order.estimatedDelivery(),
            utc(order.receivedAt()),
            utc(now),
            order.customerId(),
            utc(order.placedAt()),
            utc(order.promisedShipBy()),
            utc(order.promisedDeliverBy()))
        .update();
    // An order due on a day delivery honesty added up already (an old order arriving late).
    if (order.promisedDeliverBy() != null) {
      DeliveryDays.markStale(jdbc, order.promisedDeliverBy(), now);
    }
    List<Order.Item> items = order.items();
    for (int line = 0; line < items.size(); line++) {
      Order.Item item = items.get(line);
      jdbc.sql(
              """
              INSERT INTO order_items (order_id, line_no, sku, name, quantity, unit_price)
              VALUES (?, ?, ?, ?, ?, ?)""")
          .params(order.orderId(), line + 1, item.sku(), item.name(), item.quantity(), item.unitPrice())
          .update();
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OrderRows.utc(instant);
  }
}
