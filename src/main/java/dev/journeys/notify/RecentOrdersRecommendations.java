package dev.journeys.notify;

import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Fallback;
import org.springframework.stereotype.Component;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * The default recommendations: other products from the shop's recent orders, newest first. A
 * fallback bean, so any other RecommendationSource bean replaces it.
 *
 * <p>The recent products are cached (journeys.notify.recommendations-cache, a minute by default):
 * every message asks, and the answer barely moves.
 */
@Component
@Fallback
class RecentOrdersRecommendations implements RecommendationSource {

  /** How many recent order lines to pick from. */
  static final int RECENT_LINES = 200;

  private static final DefaultUriBuilderFactory URIS = new DefaultUriBuilderFactory();

  private final Orders orders;
  private final String productUrl;
  private final Duration freshFor;
  private final Clock clock;
  private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.MIN);

  RecentOrdersRecommendations(Orders orders, NotifyProperties properties, Clock clock) {
    this.clock = clock;
    this.orders = orders;
    this.productUrl = properties.productUrl();
    this.freshFor = properties.recommendationsCache();
  }

  @Override
  public List<Recommendation> recommend(Order order, String customerId, int limit) {
    Set<String> bought =
        order == null
            ? Set.of()
            : order.items().stream().map(Order.Item::sku).collect(Collectors.toSet());
    return recentProducts().stream()
        .filter(product -> !bought.contains(product.sku()))
        .limit(limit)
        .toList();
  }

  private List<Recommendation> recentProducts() {
    Snapshot current = snapshot;
    Instant now = clock.instant();
    if (!current.takenAt().plus(freshFor).isAfter(now)) {
      current = new Snapshot(distinctProducts(orders.recentItems(RECENT_LINES)), now);
      snapshot = current;
    }
    return current.products();
  }

  private List<Recommendation> distinctProducts(List<Order.Item> items) {
    Map<String, Recommendation> bySku = new LinkedHashMap<>();
    for (Order.Item item : items) {
      bySku.putIfAbsent(
          item.sku(),
          new Recommendation(
              item.sku(), item.name(), URIS.expand(productUrl, Map.of("sku", item.sku())).toString()));
    }
    return List.copyOf(bySku.values());
  }

  private record Snapshot(List<Recommendation> products, Instant takenAt) {}
}
