package dev.journeys.scenarios;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The notify module's outbox: one row per message and channel, with why a message was not sent
 * (no-consent, channel-not-available, ...). There is no HTTP API for it yet, so it is read here.
 */
final class OutboxView {

  /** One outbox row. */
  record Row(String template, String channel, String status, String reason) {}

  private final JdbcClient jdbc;

  OutboxView(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The email rows of an order, oldest first. */
  List<Row> emailsOfOrder(String orderId) {
    return jdbc.sql("""
            SELECT template, channel, status, reason FROM outbox
            WHERE order_id = ? AND channel = 'email' ORDER BY created_at, element_instance_key""")
        .param(orderId).query(OutboxView::row).list();
  }

  /**
   * Waits until this many email messages of the order wait for their news to settle (carrier news
   * without a date); a test then moves the clock past {@link EngineClockApi#NEWS_SETTLE}.
   */
  void awaitSettling(String orderId, int count) {
    org.awaitility.Awaitility.await("%d messages of order %s waiting for their news to settle".formatted(count, orderId))
        .atMost(Mailbox.WAIT)
        .until(() -> jdbc.sql("SELECT COUNT(*) FROM outbox WHERE order_id = ? AND channel = 'email'"
                + " AND status = 'HELD' AND reason = 'news-settling'")
            .param(orderId).query(Integer.class).single() == count);
  }

  /** The email rows of customer-only messages (the anniversary thank-you). */
  List<Row> emailsOfCustomer(String customerId) {
    return jdbc.sql("""
            SELECT template, channel, status, reason FROM outbox
            WHERE customer_id = ? AND order_id IS NULL AND channel = 'email' ORDER BY created_at""")
        .param(customerId).query(OutboxView::row).list();
  }

  private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
    return new Row(rs.getString("template"), rs.getString("channel"), rs.getString("status"), rs.getString("reason"));
  }
}
