package dev.journeys.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which message tells a piece of shipping news: one per (order, news key), whatever the channel.
 * A send-message job whose variable {@code newsKey} names news another message already tells is
 * skipped with reason {@link #SAME_NEWS}. The guarantee is the table's primary key, not a check
 * in memory: two jobs with the same news (webhooks delivered in parallel) cannot both insert.
 */
@Repository
class OutboxNews {

  static final String SAME_NEWS = "same-news";

  private final JdbcClient jdbc;
  private final Clock clock;

  OutboxNews(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Claims the request's news for this task's message, once; its other channels and its retries
   * find their own claim.
   *
   * @return false when another message tells this news already
   */
  boolean tells(long elementInstanceKey, MessageRequest request) {
    String key = request.newsKey();
    if (key == null || request.orderId() == null) {
      return true;
    }
    try {
      jdbc.sql("INSERT INTO outbox_news (order_id, news_key, element_instance_key, created_at) VALUES (?, ?, ?, ?)")
          .params(request.orderId(), key, elementInstanceKey, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update();
      return true;
    } catch (DuplicateKeyException told) {
      return teller(request.orderId(), key) == elementInstanceKey;
    }
  }

  private long teller(String orderId, String key) {
    return jdbc.sql("SELECT element_instance_key FROM outbox_news WHERE order_id = ? AND news_key = ?")
        .params(orderId, key)
        .query(Long.class)
        .single();
  }
}
