package dev.journeys.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V101 on a database that already has orders, shipping news, delay alerts, ratings and a ticket:
 * what each rating was about is filled in from what was known, and what was not stays unknown.
 */
class ResultsBackfillTest {

  @Test
  void ratingsGivenBeforeV101AreBackfilledWherePossible() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:backfill-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    Flyway.configure().dataSource(h2).locations("classpath:db/migration").target("100").load().migrate();
    JdbcClient jdbc = JdbcClient.create(h2);
    order(jdbc, "B-1", 7L, "DHL");
    order(jdbc, "B-2", 8L, "UPS");
    order(jdbc, "B-3", null, null);
    news(jdbc, "B-1", "SHIPPED", "2030-01-02T10:00:00Z");
    news(jdbc, "B-1", "DELIVERED", "2030-01-04T10:00:00Z"); // on time: due on the 5th
    news(jdbc, "B-2", "IN_TRANSIT", "2030-01-03T10:00:00Z");
    news(jdbc, "B-2", "FAILED_ATTEMPT", "2030-01-05T10:00:00Z");
    news(jdbc, "B-2", "DELIVERED", "2030-01-07T10:00:00Z"); // late, alerted on the 5th
    jdbc.sql("""
            INSERT INTO outbox (element_instance_key, channel, job_key, order_id, template, message_id, status,
                                attempts, created_at, sent_at)
            VALUES (1, 'email', 1, 'B-2', 'delay-alert', 'm-1', 'SENT', 1, TIMESTAMP WITH TIME ZONE '2030-01-05 11:00:00+00',
                    TIMESTAMP WITH TIME ZONE '2030-01-05 11:00:00+00')""").update();
    jdbc.sql("INSERT INTO order_items VALUES ('B-2', 1, 'MUG-01', 'Mug', 1, 5), ('B-2', 2, 'MUG-01', 'Mug', 1, 5)")
        .update();
    for (String id : List.of("B-1", "B-2", "B-3", "B-404")) {
      jdbc.sql("INSERT INTO feedback (order_id, rating, received_at) VALUES (?, 2, TIMESTAMP WITH TIME ZONE '2030-01-08 10:00:00+00')")
          .param(id).update();
    }
    jdbc.sql("""
            INSERT INTO sandbox_ticket (ticket_key, order_id, rating, comment_url, created_at)
            VALUES ('t-1', 'B-2', 2, 'https://x', TIMESTAMP WITH TIME ZONE '2030-01-08 10:05:00+00')""").update();

    Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();

    assertThat(about(jdbc, "B-1")).isEqualTo(List.of("post-purchase", "en", "DHL", "ON_TIME", "-"));
    assertThat(about(jdbc, "B-2")).isEqualTo(List.of("post-purchase", "en", "UPS", "LATE_ALERTED", "2030-01-08"));
    assertThat(about(jdbc, "B-3")).isEqualTo(List.of("-", "en", "-", "NOT_DELIVERED", "-"));
    assertThat(about(jdbc, "B-404")).isEqualTo(List.of("-", "-", "-", "-", "-"));
    assertThat(jdbc.sql("SELECT order_id, sku FROM feedback_sku").query().listOfRows())
        .isEqualTo(List.of(Map.of("ORDER_ID", "B-2", "SKU", "MUG-01")));
    assertThat(jdbc.sql("SELECT failed_attempts FROM orders WHERE order_id = 'B-2'").query(Integer.class).single())
        .isEqualTo(1);
  }

  private static List<String> about(JdbcClient jdbc, String orderId) {
    return jdbc.sql("""
            SELECT COALESCE(journey, '-'), COALESCE(locale, '-'), COALESCE(carrier, '-'), COALESCE(delivery_class, '-'),
                   COALESCE(CAST(CAST(ticket_opened_at AS DATE) AS VARCHAR), '-')
            FROM feedback WHERE order_id = ?""")
        .param(orderId)
        .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
        .single();
  }

  private static void order(JdbcClient jdbc, String id, Long journey, String carrier) {
    jdbc.sql("""
            INSERT INTO orders (order_id, customer_email, customer_name, total, currency, locale, received_at, claimed_at,
                                journey_key, carrier, promised_deliver_by)
            VALUES (?, 'a@example.com', 'A', 10, 'EUR', 'en', TIMESTAMP WITH TIME ZONE '2030-01-01 10:00:00+00',
                    TIMESTAMP WITH TIME ZONE '2030-01-01 10:00:00+00', ?, ?, TIMESTAMP WITH TIME ZONE '2030-01-05 12:00:00+00')""")
        .params(id, journey, carrier)
        .update();
  }

  private static void news(JdbcClient jdbc, String id, String kind, String at) {
    jdbc.sql("""
            INSERT INTO shipment_news (order_id, news_key, kind, occurred_at, reported_at)
            VALUES (?, ?, ?, CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE))""")
        .params(id, kind.toLowerCase() + "-1", kind, at.replace('T', ' ').replace("Z", "+00"), at.replace('T', ' ').replace("Z", "+00"))
        .update();
  }
}
