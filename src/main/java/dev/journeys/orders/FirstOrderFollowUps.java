package dev.journeys.orders;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Queues first-order-changed when the customer's first order that was not cancelled may have
 * changed: one of their orders was cancelled, or a new order came after every earlier one was. The
 * one-year thank-you counts from that order, not from an order the customer never received.
 */
@Component
class FirstOrderFollowUps {

  private final Inbox inbox;
  private final JdbcClient jdbc;

  FirstOrderFollowUps(Inbox inbox, JdbcClient jdbc) {
    this.inbox = inbox;
    this.jdbc = jdbc;
  }

  /** In the transaction that recorded a customer's order that was not their first. */
  void repeatOrderRecorded(Order order) {
    if (order.customerId() != null && othersNotCancelled(order) == 0) {
      inbox.accept(FirstOrderHandler.changed(order.customerId(), order.orderId(), "placed"));
    }
  }

  /** Synchronous, so the follow-up commits with the cancellation. */
  @EventListener
  void on(OrderCancelled cancelled) {
    if (cancelled.customerId() != null) {
      inbox.accept(FirstOrderHandler.changed(cancelled.customerId(), cancelled.orderId(), "cancelled"));
    }
  }

  private long othersNotCancelled(Order order) {
    return jdbc.sql("""
            SELECT COUNT(*) FROM orders
            WHERE customer_id = ? AND order_id <> ? AND cancelled_at IS NULL""")
        .params(order.customerId(), order.orderId())
        .query(Long.class)
        .single();
  }
}
