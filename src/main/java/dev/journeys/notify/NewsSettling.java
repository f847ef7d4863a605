package dev.journeys.notify;

import dev.journeys.orders.Orders;
import dev.journeys.orders.ShipmentNews;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets news that a second report may complete settle before it goes out. Shopify tells one carrier
 * event through two topics within moments, and the first ({@code fulfillments/update}) often lacks
 * the new date or the pickup place the second ({@code fulfillment_events/create}) carries: sent at
 * once, the customer would get "delayed, no new date yet" and "delayed, new date Friday" seconds
 * apart. So a message with such news waits {@code journeys.notify.news-settle} after we heard it,
 * and is then skipped ({@link #SUPERSEDED}) if news of the same kind came in meanwhile; that news
 * has its own message. Complete news goes at once.
 */
@Component
class NewsSettling {

  /** The hold reason while incomplete news settles. */
  static final String SETTLING = "news-settling";
  /** The skip reason when later news of the same kind replaced it. */
  static final String SUPERSEDED = "superseded-news";

  private final Orders orders;
  private final Duration settle;
  private final Duration retryBackoff;
  private final Clock clock;

  NewsSettling(Orders orders, @Value("${journeys.notify.news-settle:1m}") Duration settle,
      NotifyProperties properties, Clock clock) {
    this.orders = orders;
    this.settle = settle;
    this.retryBackoff = properties.retryBackoff();
    this.clock = clock;
  }

  /** What to do with this message's news before it is told; empty: tell it now. */
  Optional<Decision> decide(MessageRequest request) {
    if (settle.isZero() || request.newsKey() == null || request.orderId() == null) {
      return Optional.empty();
    }
    ShipmentNews news = RecordedNews.of(orders, request, retryBackoff);
    if (!news.incomplete()) {
      return Optional.empty();
    }
    Instant settled = news.reportedAt().plus(settle);
    if (settled.isAfter(clock.instant())) {
      return Optional.of(new Decision(settled, null));
    }
    return orders.superseded(request.orderId(), news) ? Optional.of(new Decision(null, SUPERSEDED)) : Optional.empty();
  }

  /** Either hold the message until {@code holdUntil}, or skip it for {@code skipReason}. */
  record Decision(Instant holdUntil, String skipReason) {}
}
