package dev.journeys.orders;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The orders and order_items tables. */
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
            .query(
                (rs, n) ->
                    new Order.Item(
                        rs.getString("sku"),
                        rs.getString("name"),
                        rs.getInt("quantity"),
                        rs.getBigDecimal("unit_price")))
            .list();
    return jdbc.sql("SELECT * FROM orders WHERE order_id = ?")
        .param(orderId)
        .query((rs, n) -> OrderRows.order(rs, items))
        .optional();
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
