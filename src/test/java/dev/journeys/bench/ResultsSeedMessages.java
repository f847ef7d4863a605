package dev.journeys.bench;

import dev.journeys.notify.MessageOutcomes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Fills a store (app migrations applied) with message records for the results benchmark: N outbox
 * rows spread evenly over the 365 days before {@code now}, each with the decisions and events its
 * fate leaves (sent, held then sent, skipped, refused; delivery callbacks for SMS; opens, clicks,
 * bounces, unsubscribes for email), written in JDBC batches; then each closed day is added up with
 * the app's own counting ({@link MessageOutcomes#seedClosedDays}, which keeps the app's periodic
 * roll-up off those days meanwhile), so the message outcomes page reads what it would in production.
 *
 * <p>Keys start at {@link #FIRST_KEY}, apart from {@code DashboardSeeder}'s. The fates are a
 * function of the message's number, so two runs write the same store.
 */
public final class ResultsSeedMessages {

  public static final long FIRST_KEY = 1_000_000_000_000L;
  private static final int BATCH = 5_000;
  private static final String[][] TEMPLATES = {
    {"order-confirmation", "post-purchase"}, {"shipping-update", "post-purchase"}, {"delay-alert", "post-purchase"},
    {"feedback-request", "post-purchase"}, {"anniversary-thank-you", "customer-anniversary"}};

  private ResultsSeedMessages() {}

  /** What was written. */
  public record Seeded(int messages, long decisions, long events, int daysRolledUp) {}

  public static Seeded seed(DataSource ds, int messages, Instant now) throws Exception {
    long[] written = new long[2];
    long start = System.nanoTime();
    int days = MessageOutcomes.seedClosedDays(ds, now, () -> {
      long[] counts = writeFacts(ds, messages, now);
      written[0] = counts[0];
      written[1] = counts[1];
      System.out.printf("  wrote the facts in %.1f s%n", (System.nanoTime() - start) / 1e9);
    });
    System.out.printf("  rolled up %d days; all in %.1f s%n", days, (System.nanoTime() - start) / 1e9);
    return new Seeded(messages, written[0], written[1], days);
  }

  private static long[] writeFacts(DataSource ds, int messages, Instant now) throws SQLException {
    long decisions = 0;
    long events = 0;
    Instant first = now.minus(Duration.ofDays(365));
    long spanMillis = Duration.ofDays(365).minusHours(1).toMillis();
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement outbox = c.prepareStatement("INSERT INTO outbox (element_instance_key, channel, job_key, "
              + "order_id, customer_id, template, message_id, purpose, status, attempts, reason, created_at, sent_at, "
              + "provider_message_id, delivery_status, locale, journey) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement decision = c.prepareStatement("INSERT INTO outbox_decision (element_instance_key, channel, "
              + "decision, detail, decided_at, template, locale, journey, outcome, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement event = c.prepareStatement("INSERT INTO message_event (element_instance_key, channel, kind, "
              + "template, locale, journey, detail, happened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < messages; i++) {
          Message m = new Message(i, first.plusMillis(spanMillis * i / Math.max(messages, 1)));
          m.write(outbox);
          decisions += m.decisions(decision);
          events += m.events(event);
          if ((i + 1) % BATCH == 0 || i == messages - 1) {
            outbox.executeBatch();
            decision.executeBatch();
            event.executeBatch();
            c.commit();
          }
          if ((i + 1) % 100_000 == 0) {
            System.out.printf("  seeded %,d messages%n", i + 1);
          }
        }
      }
    }
    return new long[] {decisions, events};
  }

  /** One message's fate, from its number: i % 20 picks skipped, held, refused or sent. */
  private record Message(int i, Instant at) {

    long key() {
      return FIRST_KEY + i;
    }

    String template() {
      return TEMPLATES[i % TEMPLATES.length][0];
    }

    String journey() {
      return TEMPLATES[i % TEMPLATES.length][1];
    }

    String channel() {
      return i % 10 < 7 ? "email" : "sms";
    }

    String locale() {
      return i % 3 == 2 ? "zh-CN" : "en";
    }

    boolean marketing() {
      return template().equals("feedback-request") || template().equals("anniversary-thank-you");
    }

    /** 0: skipped, 1: held then sent, 2: refused (email: bounced at once; sms: failed), else sent. */
    int fate() {
      return (i / 10) % 20;
    }

    boolean sent() {
      return fate() != 0 && fate() != 2;
    }

    Instant sentAt() {
      return fate() == 1 ? at.plus(Duration.ofMinutes(30)) : at.plusMillis(200);
    }

    void write(PreparedStatement s) throws SQLException {
      s.setLong(1, key());
      s.setString(2, channel());
      s.setLong(3, key());
      s.setString(4, "S-" + i);
      s.setString(5, "seeded-" + (i % 100_000));
      s.setString(6, template());
      s.setString(7, "<" + key() + "." + channel() + "@seed.journeys.local>");
      s.setString(8, marketing() ? "marketing" : "transactional");
      s.setString(9, sent() ? "SENT" : fate() == 0 ? "SKIPPED" : "REJECTED");
      s.setString(10, fate() == 0 ? "no-consent" : fate() == 2 ? "rejected" : null);
      s.setObject(11, utc(at));
      s.setObject(12, sent() ? utc(sentAt()) : null, Types.TIMESTAMP_WITH_TIMEZONE);
      boolean sms = channel().equals("sms") && sent();
      s.setString(13, sms ? "SM" + key() : null);
      s.setString(14, sms ? (i % 10 == 9 ? "undelivered" : "delivered") : null);
      s.setString(15, locale());
      s.setString(16, journey());
      s.addBatch();
    }

    int decisions(PreparedStatement s) throws SQLException {
      int n = 0;
      if (fate() == 0) {
        return add(s, "skipped", "no-consent", at, "skipped", "no-consent");
      }
      if (fate() == 2) {
        return channel().equals("email")
            ? add(s, "rejected", "550 5.1.1 user unknown", at, "bounced", "smtp-rejected")
            : add(s, "rejected", "21211 invalid number", at, "failed", "rejected");
      }
      if (fate() == 1) {
        n += add(s, "held", "quiet-hours until " + sentAt(), at, "held", "quiet-hours");
      }
      n += add(s, "sent", null, sentAt(), "sent", null);
      if (channel().equals("sms")) {
        n += i % 10 == 9
            ? add(s, "delivery", "undelivered (error 30003)", sentAt().plusSeconds(5), "bounced", "undelivered")
            : add(s, "delivery", "delivered", sentAt().plusSeconds(5), "delivered", null);
      }
      return n;
    }

    int events(PreparedStatement s) throws SQLException {
      if (!sent() || !channel().equals("email")) {
        return 0;
      }
      int n = 0;
      if (i % 3 == 0) {
        n += event(s, "opened", null, sentAt().plus(Duration.ofMinutes(20)));
      }
      if (i % 9 == 0) {
        n += event(s, "clicked", null, sentAt().plus(Duration.ofMinutes(21)));
      }
      if (i % 50 == 1) {
        n += event(s, "bounced", "bounce-report", sentAt().plus(Duration.ofMinutes(2)));
      }
      if (marketing() && i % 100 == 3) {
        n += event(s, "unsubscribed", null, sentAt().plus(Duration.ofMinutes(25)));
      }
      return n;
    }

    private int add(PreparedStatement s, String decision, String detail, Instant when, String outcome, String reason)
        throws SQLException {
      s.setLong(1, key());
      s.setString(2, channel());
      s.setString(3, decision);
      s.setString(4, detail);
      s.setObject(5, utc(when));
      s.setString(6, template());
      s.setString(7, locale());
      s.setString(8, journey());
      s.setString(9, outcome);
      s.setString(10, reason);
      s.addBatch();
      return 1;
    }

    private int event(PreparedStatement s, String kind, String detail, Instant when) throws SQLException {
      s.setLong(1, key());
      s.setString(2, channel());
      s.setString(3, kind);
      s.setString(4, template());
      s.setString(5, locale());
      s.setString(6, journey());
      s.setString(7, detail);
      s.setObject(8, utc(when));
      s.addBatch();
      return 1;
    }

    private static OffsetDateTime utc(Instant instant) {
      return instant.atOffset(ZoneOffset.UTC);
    }
  }
}
