package dev.journeys.orders;

import dev.journeys.storage.ClosedDays;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery honesty's roll-up bookkeeping (V105): the mark of the days added up into delivery_day
 * and the closed days whose orders changed since. An order belongs to the UTC day it is due
 * (promised_deliver_by); a change to an order due before today marks that day stale.
 */
final class DeliveryDays {

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ClosedDays closed;

  DeliveryDays(JdbcClient jdbc, Clock clock) {
    this(jdbc, clock, null);
  }

  DeliveryDays(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.closed = new ClosedDays(jdbc, transactions, "delivery_rollup", "delivery_stale_day");
  }

  ClosedDays closed() {
    return closed;
  }

  /** The order changed (its shipment, cancellation, alert): its due day is counted afresh. Call it in that transaction. */
  void changed(String orderId) {
    jdbc.sql("SELECT promised_deliver_by FROM orders WHERE order_id = ?")
        .param(orderId)
        .query((rs, n) -> OrderRows.instant(rs, "promised_deliver_by"))
        .optional()
        .ifPresent(due -> dueOn(due));
  }

  /** An order due then was added at {@code now}: its day is counted afresh if it was added up. */
  static void markStale(JdbcClient jdbc, Instant due, Instant now) {
    new ClosedDays(jdbc, null, "delivery_rollup", "delivery_stale_day")
        .markStale(ClosedDays.day(due), ClosedDays.day(now));
  }

  /** An order due then was added, changed or removed. */
  void dueOn(Instant due) {
    if (due != null) {
      closed.markStale(ClosedDays.day(due), ClosedDays.day(clock.instant()));
    }
  }
}
