package dev.journeys.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import javax.sql.DataSource;

/**
 * Seeds the customer satisfaction and delivery honesty pages' data with JDBC batches, for the
 * results benchmark: orders spread over the last 365 days with their items and shipments (about
 * 15% shipped late, 18% delivered late, some with failed attempts, exceptions and delays; recent
 * ones still on their way), delay alerts in the outbox for 60% of the late ones, a feedback
 * request for every order delivered over a day ago, and ratings for about a quarter of those, with
 * V101's columns (journey, locale, carrier, delivery class, products, support ticket) as
 * FeedbackRecorder would have recorded them. Deterministic (fixed random seed). Order ids are
 * {@code RS-0000001}...; outbox keys start at {@link #FIRST_KEY}. Shipments are written as the
 * order's columns (shipped_at, delivered_at, the issue counters), not as shipment_news rows.
 */
public final class ResultsSeedCsat {

  /** Outbox element instance keys used here: far from the engine's (2^51) and DashboardSeeder's. */
  public static final long FIRST_KEY = 500_000_000_000L;

  private static final int BATCH = 5_000;
  private static final String[] CARRIERS = {"DHL", "UPS", "GLS", "DPD", "PostNL"};
  /** Per carrier: chance in 100 of a late delivery. */
  private static final int[] LATE_PERCENT = {10, 15, 20, 25, 30};
  private static final String[] LOCALES = {"en", "en", "en", "zh-CN", "de"};
  private static final int SKUS = 300;
  private static final Duration DAY = Duration.ofDays(1);

  private ResultsSeedCsat() {}

  /**
   * Inserts {@code orders} orders placed over the 365 days before {@code now}, and what followed.
   *
   * @return the rows written: orders, outbox messages, ratings
   */
  public static long[] seed(DataSource ds, int orders, Instant now) {
    try (Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Writer w = new Writer(c)) {
        SplittableRandom random = new SplittableRandom(21);
        long span = Duration.ofDays(365).toSeconds();
        for (int i = 0; i < orders; i++) {
          Instant placed = now.minusSeconds(span - (span * i / Math.max(orders, 1)) + random.nextInt(3_600));
          w.order(i, placed, random, now);
          if ((i + 1) % BATCH == 0) {
            w.flush();
          }
        }
        w.flush();
        return new long[] {orders, w.messages, w.ratings};
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not seed the results data", e);
    }
  }

  /** The prepared statements of one seeding and what they have written. */
  private static final class Writer implements AutoCloseable {
    private final Connection c;
    private final PreparedStatement order;
    private final PreparedStatement item;
    private final PreparedStatement outbox;
    private final PreparedStatement feedback;
    private final PreparedStatement feedbackSku;
    private long key = FIRST_KEY;
    long messages;
    long ratings;

    Writer(Connection c) throws SQLException {
      this.c = c;
      order = c.prepareStatement("INSERT INTO orders (order_id, customer_email, customer_name, total, currency, locale,"
          + " received_at, journey_key, claimed_at, customer_id, placed_at, promised_ship_by, promised_deliver_by,"
          + " shipment_status, shipment_updated_at, carrier, tracking_number, carrier_issue, shipped_at, delivered_at,"
          + " delays_reported, failed_attempts, exceptions, ship_by_promised, deliver_by_promised, first_delay_alert_at)"
          + " VALUES (?, 'seeded@example.com', 'Seeded Customer', 29.90, 'EUR', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, TRUE, TRUE, ?)");
      item = c.prepareStatement("INSERT INTO order_items (order_id, line_no, sku, name, quantity, unit_price)"
          + " VALUES (?, ?, ?, 'Seeded product', 1, 14.95)");
      outbox = c.prepareStatement("INSERT INTO outbox (element_instance_key, channel, job_key, order_id, template,"
          + " message_id, status, attempts, created_at, sent_at, customer_id, purpose)"
          + " VALUES (?, 'email', ?, ?, ?, ?, 'SENT', 1, ?, ?, ?, ?)");
      feedback = c.prepareStatement("INSERT INTO feedback (order_id, rating, comment, received_at, published_at,"
          + " rating_version, published_version, journey, locale, carrier, delivery_class, ticket_opened_at, commented)"
          + " VALUES (?, ?, ?, ?, ?, 1, 1, 'post-purchase', ?, ?, ?, ?, ?)");
      feedbackSku = c.prepareStatement("INSERT INTO feedback_sku (order_id, sku) VALUES (?, ?)");
    }

    void order(int i, Instant placed, SplittableRandom random, Instant now) throws SQLException {
      String id = String.format("RS-%07d", i);
      int carrierIndex = random.nextInt(CARRIERS.length);
      String locale = LOCALES[random.nextInt(LOCALES.length)];
      Instant shipBy = placed.plus(Duration.ofDays(2));
      Instant deliverBy = placed.plus(Duration.ofDays(5));
      boolean lateShip = random.nextInt(100) < 15;
      Instant shipped = placed.plus(Duration.ofHours(lateShip ? 50 + random.nextInt(48) : 6 + random.nextInt(40)));
      boolean lateDelivery = random.nextInt(100) < LATE_PERCENT[carrierIndex] || (lateShip && random.nextBoolean());
      Instant delivered = lateDelivery ? deliverBy.plus(Duration.ofHours(2 + random.nextInt(96)))
          : deliverBy.minus(Duration.ofHours(1 + random.nextInt(60)));
      if (delivered.isBefore(shipped.plus(Duration.ofHours(12)))) {
        delivered = shipped.plus(Duration.ofHours(12 + random.nextInt(24)));
      }
      boolean lost = random.nextInt(1_000) < 5;
      if (shipped.isAfter(now)) {
        shipped = null;
      }
      if (shipped == null || delivered.isAfter(now) || lost) {
        delivered = null;
      }
      int failed = random.nextInt(100) < 4 ? 1 + random.nextInt(2) : 0;
      int exceptions = random.nextInt(100) < 2 ? 1 : 0;
      int delays = lateDelivery && random.nextInt(100) < 50 ? 1 : 0;
      String carrier = shipped == null ? null : CARRIERS[carrierIndex];
      order.setString(1, id);
      order.setString(2, locale);
      order.setObject(3, utc(placed));
      order.setLong(4, 4_000_000_000_000L + i);
      order.setObject(5, utc(placed));
      order.setString(6, "RC-" + (i % 400_000));
      order.setObject(7, utc(placed));
      order.setObject(8, utc(shipBy));
      order.setObject(9, utc(deliverBy));
      order.setString(10, delivered != null ? "DELIVERED" : shipped != null ? "IN_TRANSIT" : null);
      order.setObject(11, delivered != null ? utc(delivered) : shipped != null ? utc(shipped) : null);
      order.setString(12, carrier);
      order.setString(13, carrier == null ? null : "TN" + i);
      order.setString(14, exceptions > 0 ? "EXCEPTION" : failed > 0 ? "FAILED_ATTEMPT" : delays > 0 ? "DELAYED" : null);
      order.setObject(15, shipped == null ? null : utc(shipped));
      order.setObject(16, delivered == null ? null : utc(delivered));
      order.setInt(17, shipped == null ? 0 : delays);
      order.setInt(18, shipped == null ? 0 : failed);
      order.setInt(19, shipped == null ? 0 : exceptions);
      String firstSku = "SKU-" + random.nextInt(SKUS);
      String secondSku = random.nextInt(3) == 0 ? "SKU-" + random.nextInt(SKUS) : null;
      item(id, 1, firstSku);
      if (secondSku != null) {
        item(id, 2, secondSku);
      }
      message(id, "order-confirmation", placed.plusSeconds(5), i, "transactional");

      boolean late = delivered == null ? deliverBy.isBefore(now) : delivered.isAfter(deliverBy);
      Instant alert = null;
      if (late && random.nextInt(100) < 60) {
        alert = deliverBy.minus(Duration.ofHours(random.nextInt(72) - 12));
        if (alert.isBefore(now)) {
          message(id, "delay-alert", alert, i, "transactional");
        } else {
          alert = null;
        }
      }
      // What notify tells the orders module as it sends the first delay alert.
      order.setObject(20, alert == null ? null : utc(alert));
      order.addBatch();
      if (delivered == null || delivered.plus(DAY).isAfter(now)) {
        return;
      }
      Instant asked = delivered.plus(DAY);
      message(id, "feedback-request", asked, i, "marketing");
      if (random.nextInt(100) >= 25) {
        return;
      }
      Instant rated = asked.plus(Duration.ofMinutes(5 + random.nextInt(2_000)));
      if (rated.isAfter(now)) {
        return;
      }
      String deliveryClass = !delivered.isAfter(deliverBy) ? "ON_TIME"
          : alert != null && !alert.isAfter(delivered) ? "LATE_ALERTED" : "LATE_NOT_ALERTED";
      int rating = rating(deliveryClass, random);
      feedback.setString(1, id);
      feedback.setInt(2, rating);
      String comment = random.nextInt(100) < 12 ? (rating <= 2 ? "Took far too long" : "Lovely, thank you") : null;
      feedback.setString(3, comment);
      feedback.setBoolean(10, comment != null);
      feedback.setObject(4, utc(rated));
      feedback.setObject(5, utc(rated));
      feedback.setString(6, locale);
      feedback.setString(7, carrier);
      feedback.setString(8, deliveryClass);
      feedback.setObject(9, rating <= 2 && random.nextInt(100) < 80 ? utc(rated.plus(Duration.ofMinutes(3))) : null);
      feedback.addBatch();
      sku(id, firstSku);
      if (secondSku != null && !secondSku.equals(firstSku)) {
        sku(id, secondSku);
      }
      ratings++;
    }

    private static int rating(String deliveryClass, SplittableRandom random) {
      int roll = random.nextInt(100);
      int[] thresholds = switch (deliveryClass) {
        case "ON_TIME" -> new int[] {3, 6, 14, 40};
        case "LATE_ALERTED" -> new int[] {8, 16, 34, 66};
        default -> new int[] {25, 45, 65, 85};
      };
      for (int r = 0; r < thresholds.length; r++) {
        if (roll < thresholds[r]) {
          return r + 1;
        }
      }
      return 5;
    }

    private void item(String id, int line, String sku) throws SQLException {
      item.setString(1, id);
      item.setInt(2, line);
      item.setString(3, sku);
      item.addBatch();
    }

    private void sku(String id, String sku) throws SQLException {
      feedbackSku.setString(1, id);
      feedbackSku.setString(2, sku);
      feedbackSku.addBatch();
    }

    private void message(String id, String template, Instant at, int i, String purpose) throws SQLException {
      long k = key++;
      outbox.setLong(1, k);
      outbox.setLong(2, k);
      outbox.setString(3, id);
      outbox.setString(4, template);
      outbox.setString(5, "<rs-" + k + "@journeys>");
      outbox.setObject(6, utc(at));
      outbox.setObject(7, utc(at));
      outbox.setString(8, "RC-" + (i % 400_000));
      outbox.setString(9, purpose);
      outbox.addBatch();
      messages++;
    }

    void flush() throws SQLException {
      order.executeBatch();
      item.executeBatch();
      outbox.executeBatch();
      feedback.executeBatch();
      feedbackSku.executeBatch();
      c.commit();
    }

    @Override
    public void close() throws SQLException {
      for (PreparedStatement s : new PreparedStatement[] {order, item, outbox, feedback, feedbackSku}) {
        s.close();
      }
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
