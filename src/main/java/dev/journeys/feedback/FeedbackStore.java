package dev.journeys.feedback;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import dev.journeys.storage.ClosedDays;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feedback table: one row per order, holding the rating the customer confirmed last (they may
 * change it for a while), their comment, and which of their ratings reached the journey. A change
 * that satisfaction counts (the rating, a support ticket) to a rating first given on a day already
 * added up marks that day stale in the same transaction (SatisfactionRollup).
 */
@Repository
class FeedbackStore {

  /**
   * A stored rating.
   *
   * @param receivedAt when the first rating was confirmed: the change window counts from it
   * @param changedAt when the rating last changed; null while it is the first one
   * @param version 1 for the first rating, +1 for each change
   * @param publishedAt when the last published version reached the engine; null before
   * @param publishedVersion the version that last reached the engine; null before
   */
  record Feedback(String orderId, int rating, String comment, Instant receivedAt, Instant changedAt,
      int version, Instant publishedAt, Integer publishedVersion) {

    boolean published() {
      return publishedVersion != null && publishedVersion >= version;
    }
  }

  /** CSAT: how many orders were rated and their average rating (null with none). */
  record Summary(long count, Double averageRating) {}

  private static final String COLUMNS =
      "order_id, rating, comment, received_at, changed_at, rating_version, published_at, published_version";

  private final JdbcClient jdbc;
  private final TransactionOperations transactions;
  private final ClosedDays closed;

  /** Without transactions of its own, for tests that build the store by hand. */
  FeedbackStore(JdbcClient jdbc) {
    this(jdbc, null);
  }

  @Autowired
  FeedbackStore(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions == null ? TransactionOperations.withoutTransaction() : transactions;
    this.closed = Satisfaction.closedDays(jdbc, transactions);
  }

  /**
   * Records the order's first rating; an order that has one keeps it (see {@link #change}).
   *
   * @return the order's feedback as it now stands
   */
  Feedback record(String orderId, int rating, String comment, Instant now) {
    return record(orderId, rating, comment, now, RatingContext.Dimensions.UNKNOWN);
  }

  /**
   * Records the order's first rating with what it is about (kept through changes of rating). The
   * products go first, so a rating is never stored without them; an order rated already keeps its own.
   */
  Feedback record(String orderId, int rating, String comment, Instant now, RatingContext.Dimensions about) {
    for (String sku : about.skus()) {
      try {
        jdbc.sql(
                """
                INSERT INTO feedback_sku (order_id, sku) SELECT ?, ? FROM (VALUES (1)) one
                WHERE NOT EXISTS (SELECT 1 FROM feedback_sku WHERE order_id = ? AND sku = ?)
                AND NOT EXISTS (SELECT 1 FROM feedback WHERE order_id = ?)""")
            .params(orderId, sku, orderId, sku, orderId)
            .update();
      } catch (DuplicateKeyException sameMoment) {
        // Another confirmation of this order stored it a moment ago.
      }
    }
    try {
      jdbc.sql(
              """
              INSERT INTO feedback (order_id, rating, comment, commented, received_at, journey, locale, carrier,
                                    delivery_class)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(orderId, rating, comment, comment != null, utc(now), about.journey(), about.locale(), about.carrier(),
              about.deliveryClass() == null ? null : about.deliveryClass().name())
          .update();
    } catch (DuplicateKeyException alreadyRated) {
      // Rated a moment ago (a double click): the caller decides whether this is a change.
    }
    return find(orderId).orElseThrow();
  }

  /** The support follow-up of the order's rating was opened (the first time counts). */
  void markTicketOpened(String orderId, Instant now) {
    transactions.executeWithoutResult(tx -> {
      int opened = jdbc.sql("UPDATE feedback SET ticket_opened_at = ? WHERE order_id = ? AND ticket_opened_at IS NULL")
          .params(utc(now), orderId)
          .update();
      if (opened == 1) {
        ratedDayChanged(orderId, now);
      }
    });
  }

  /** The day the order was first rated is counted afresh, if it was added up already. */
  private void ratedDayChanged(String orderId, Instant now) {
    find(orderId).ifPresent(f -> closed.markStale(ClosedDays.day(f.receivedAt()), ClosedDays.day(now)));
  }

  /**
   * Erasure: the comments customers wrote about these orders go (free text may name them); the
   * ratings stay, as counts.
   *
   * @return how many comments were erased
   */
  int eraseComments(java.util.List<String> orderIds) {
    int erased = 0;
    for (int start = 0; start < orderIds.size(); start += 500) {
      erased += jdbc.sql("UPDATE feedback SET comment = NULL, commented = FALSE WHERE order_id IN (:ids)"
              + " AND comment IS NOT NULL")
          .param("ids", orderIds.subList(start, Math.min(orderIds.size(), start + 500)))
          .update();
    }
    return erased;
  }

  /** The first rating only, no comment: what callers that cannot change a rating record. */
  Feedback record(String orderId, int rating, Instant now) {
    return record(orderId, rating, null, now);
  }

  /**
   * Changes the rating (a new version, so the journey hears of it) and keeps the comment unless a new
   * one is given. One statement, so two changes at once each count once.
   */
  Feedback change(String orderId, int rating, String comment, Instant now) {
    transactions.executeWithoutResult(tx -> {
      int changed = jdbc.sql(
              """
              UPDATE feedback SET rating = ?, changed_at = ?, rating_version = rating_version + 1
              WHERE order_id = ? AND rating <> ?""")
          .params(rating, utc(now), orderId, rating)
          .update();
      if (changed == 1) {
        ratedDayChanged(orderId, now);
      }
      if (comment != null) {
        jdbc.sql("UPDATE feedback SET comment = ?, commented = TRUE WHERE order_id = ?").params(comment, orderId).update();
      }
    });
    return find(orderId).orElseThrow();
  }

  Optional<Feedback> find(String orderId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM feedback WHERE order_id = ?")
        .param(orderId)
        .query(FeedbackStore::feedback)
        .optional();
  }

  /** Marks a version as having reached the engine; an older one never overwrites a newer one. */
  void markPublished(String orderId, int version, Instant now) {
    jdbc.sql(
            """
            UPDATE feedback SET published_at = ?, published_version = ?
            WHERE order_id = ? AND (published_version IS NULL OR published_version < ?)""")
        .params(utc(now), version, orderId, version)
        .update();
  }

  /** Ratings given before this instant whose latest version has not reached the engine yet. */
  List<Feedback> unpublished(Instant givenBefore, int limit) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM feedback"
                + " WHERE (published_version IS NULL OR published_version < rating_version)"
                + " AND COALESCE(changed_at, received_at) < ?"
                + " ORDER BY received_at FETCH FIRST ? ROWS ONLY")
        .params(utc(givenBefore), limit)
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
    return new Feedback(
        rs.getString("order_id"),
        rs.getInt("rating"),
        rs.getString("comment"),
        instant(rs, "received_at"),
        instant(rs, "changed_at"),
        rs.getInt("rating_version"),
        instant(rs, "published_at"),
        rs.getObject("published_version", Integer.class));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
