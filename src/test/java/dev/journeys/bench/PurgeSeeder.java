package dev.journeys.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Fills a store with N journeys' worth of data past every retention, for the purge benchmark:
 * {@link DashboardSeeder}'s engine history, orders and outbox rows (four in five journeys completed,
 * the rest still running, which the purge must leave), dated {@link #AGE} ago, plus what each
 * journey's confirmation leaves elsewhere: the shop event's inbox row and raw body, the outbox's
 * decision, an open event, and the rendered copy in the email sandbox.
 */
final class PurgeSeeder {

  /** Older than the longest default retention (message records and engine history, 396 days). */
  static final Duration AGE = Duration.ofDays(460);
  private static final int BATCH = 2_000;
  /** About the size of a small Shopify order: the inbox keeps the body as received. */
  private static final String PAYLOAD = "{\"id\":0,\"note\":\"" + "x".repeat(1_500) + "\"}";
  private static final String BODY = "Thank you for your order. " + "y".repeat(600);

  private PurgeSeeder() {}

  /** Writes the rows; returns the DashboardSeeder's summary (how many journeys still run). */
  static DashboardSeeder.Seeded seed(DataSource ds, int journeys, long definitionKey, int version, Instant now)
      throws SQLException {
    Instant then = now.minus(AGE);
    DashboardSeeder.Seeded seeded = new DashboardSeeder(ds).seed(journeys, definitionKey, version, then);
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement inbox = c.prepareStatement("INSERT INTO inbox (source, topic, delivery_id, business_key, "
              + "order_id, state, attempts, next_attempt_at, received_at, processed_at) "
              + "VALUES ('shopify', 'orders/create', ?, ?, ?, 'DONE', 1, ?, ?, ?)");
          PreparedStatement payload = c.prepareStatement("INSERT INTO inbox_payload (inbox_id, payload) "
              + "SELECT id, ? FROM inbox WHERE business_key = ?");
          PreparedStatement decision = c.prepareStatement("INSERT INTO outbox_decision (element_instance_key, channel, "
              + "decision, decided_at, template, locale, journey, outcome) "
              + "VALUES (?, 'email', 'sent', ?, 'order-confirmation', 'en', 'post-purchase', 'sent')");
          PreparedStatement event = c.prepareStatement("INSERT INTO message_event (element_instance_key, channel, kind, "
              + "template, locale, journey, happened_at) VALUES (?, 'email', 'opened', 'order-confirmation', 'en', "
              + "'post-purchase', ?)");
          PreparedStatement sandbox = c.prepareStatement("INSERT INTO sandbox_message (message_id, recipient, subject, "
              + "text_body, html_body, mime, sent_at) VALUES (?, 'seeded@example.com', 'Your order', ?, ?, ?, ?)")) {
        for (int i = 0; i < journeys; i++) {
          long key = DashboardSeeder.FIRST_KEY + (long) i * 100;
          OffsetDateTime at = then.plusSeconds(i).atOffset(ZoneOffset.UTC);
          inbox.setString(1, "seeded-delivery-" + i);
          inbox.setString(2, "seeded-order-" + i);
          inbox.setString(3, "S-" + i);
          inbox.setObject(4, at);
          inbox.setObject(5, at);
          inbox.setObject(6, at);
          inbox.addBatch();
          payload.setString(1, PAYLOAD);
          payload.setString(2, "seeded-order-" + i);
          payload.addBatch();
          decision.setLong(1, key + 2);
          decision.setObject(2, at);
          decision.addBatch();
          event.setLong(1, key + 2);
          event.setObject(2, at.plusMinutes(20));
          event.addBatch();
          sandbox.setString(1, "<seeded-" + key + "@journeys.local>");
          sandbox.setString(2, BODY);
          sandbox.setString(3, "<p>" + BODY + "</p>");
          sandbox.setString(4, BODY);
          sandbox.setObject(5, at);
          sandbox.addBatch();
          if (i % BATCH == BATCH - 1 || i == journeys - 1) {
            for (PreparedStatement p : new PreparedStatement[] {inbox, payload, decision, event, sandbox}) {
              p.executeBatch();
            }
            c.commit();
          }
        }
      }
    }
    return seeded;
  }
}
