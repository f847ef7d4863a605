package dev.journeys.notify;

import dev.journeys.orders.Orders;
import dev.journeys.orders.ShipmentNews;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the shipping news a message tells. The journey hears of it just before the report's
 * transaction commits, so a job can run before the news (and the tracking that came with it) is
 * visible: the commit follows within moments, so the lookup waits a little, and only then does the
 * job fail to try again later rather than tell less than the news said.
 */
final class RecordedNews {

  private static final Duration COMMIT_WAIT = Duration.ofSeconds(2);
  private static final Duration POLL = Duration.ofMillis(20);

  private RecordedNews() {}

  /** @return the news; null when the message tells none */
  static ShipmentNews of(Orders orders, MessageRequest request, Duration retryBackoff) {
    if (request.newsKey() == null || request.orderId() == null) {
      return null;
    }
    long giveUpAt = System.nanoTime() + COMMIT_WAIT.toNanos();
    while (true) {
      Optional<ShipmentNews> news = orders.news(request.orderId(), request.newsKey());
      if (news.isPresent()) {
        return news.get();
      }
      if (System.nanoTime() > giveUpAt || !pause()) {
        throw SendFailure.retryable("Expected news %s of order %s to be recorded, but it is not (yet)"
            .formatted(request.newsKey(), request.orderId()), retryBackoff);
      }
    }
  }

  private static boolean pause() {
    try {
      Thread.sleep(POLL.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
