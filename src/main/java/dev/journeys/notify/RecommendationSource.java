package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.util.List;

/**
 * Fills the recommendations block in message footers. Declare a bean of this type to plug in a
 * recommender of your own (a shop's "related products" API, say); without one, messages suggest
 * other products from the shop's recent orders.
 */
public interface RecommendationSource {

  /**
   * Products to suggest, best first. Called at send time for every message, so keep it fast (cache
   * if it calls out); an empty list shows a link to the shop instead.
   *
   * @param order the message's order, whose own products are not worth suggesting; null for
   *     customer-only messages
   * @param customerId null when the message has no customer record
   * @param limit at most this many
   */
  List<Recommendation> recommend(Order order, String customerId, int limit);

  /** A product to suggest: shown by name, linked to its page. */
  record Recommendation(String sku, String name, String url) {}
}
