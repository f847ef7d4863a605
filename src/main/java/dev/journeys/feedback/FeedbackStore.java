package dev.journeys.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The feedback table: one rating per order, the first click wins. */
@Repository
class FeedbackStore {

  /** A stored rating; publishedAt is null until feedback-received reached the engine. */
  record Feedback(String orderId, int rating, Instant receivedAt, Instant publishedAt) {}

  /** CSAT: how many orders were rated and their average rating (null with none). */
  record Summary(long count, Double averageRating) {}

  private final JdbcClient jdbc;

  FeedbackStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records the rating unless the order has one: the journey acted on the first, so a later click
   * (a change of mind, a mail scanner) changes nothing.
   *
   * @return the rating that counts for this order
   */
  Feedback record(String orderId, int rating, Instant now) {
    try {
      jdbc.sql("INSERT INTO feedback (order_id, rating, received_at) VALUES (?, ?, ?)")
          .params(orderId, rating, utc(now))
          .update();
    } catch (DuplicateKeyException alreadyRated) {
      // Keep the first rating.
    }
    return find(orderId).orElseThrow();
  }

  Optional<Feedback> find(String orderId) {
    return jdbc.sql("SELECT order_id, rating, received_at, published_at FROM feedback WHERE order_id = ?")
        .param(orderId)
        .query(FeedbackStore::feedback)
        .optional();
  }

  void markPublished(String orderId, Instant now) {
    jdbc.sql("UPDATE feedback SET published_at = ? WHERE order_id = ? AND published_at IS NULL")
        .params(utc(now), orderId)
        .update();
  }

  /** Ratings received before this instant whose message has not reached the engine yet. */
  List<Feedback> unpublished(Instant receivedBefore, int limit) {
    return jdbc.sql(
            """
            SELECT order_id, rating, received_at, published_at FROM feedback
            WHERE published_at IS NULL AND received_at < ?
            ORDER BY received_at FETCH FIRST ? ROWS ONLY""")
        .params(utc(receivedBefore), limit)
        .query(FeedbackStore::feedback)
        .list();
  }

  Summary summary() {
    return jdbc.sql("SELECT COUNT(*) AS n, AVG(CAST(rating AS DOUBLE PRECISION)) AS average FROM feedback")
        .query(
            (rs, n) -> {
              long count = rs.getLong("n");
              double average = rs.getDouble("average");
              return new Summary(count, count == 0 ? null : Math.round(average * 100) / 100.0);
            })
        .single();
  }

  private static Feedback feedback(ResultSet rs, int row) throws SQLException {
    OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
    return new Feedback(
        rs.getString("order_id"),
        rs.getInt("rating"),
        rs.getObject("received_at", OffsetDateTime.class).toInstant(),
        published == null ? null : published.toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
