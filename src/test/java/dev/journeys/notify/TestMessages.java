package dev.journeys.notify;

import dev.journeys.orders.Order;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Renders messages the way the worker does (real renderer, real model), for template tests. The
 * recommendations and rating links come through notify's plug-in interfaces, as other modules
 * provide them.
 */
final class TestMessages {

  static final NotifyProperties PROPERTIES =
      new NotifyProperties(
          "Shop <orders@shop.test>",
          "help@shop.test",
          "https://shop.test/help",
          "https://shop.test/track/{orderId}",
          "https://shop.test/",
          "https://shop.test/p/{sku}",
          "https://shop.test/review/{orderId}",
          3,
          Duration.ofMinutes(1),
          "shop.test",
          "unsubscribe@shop.test",
          null,
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          Duration.ofSeconds(8));

  static final String UNSUBSCRIBE_URL = "https://shop.test/api/unsubscribe/tok";

  private final MessageRenderer renderer = new MessageRenderer();
  private final MessageModel model;

  private TestMessages(List<RecommendationSource.Recommendation> recommendations) {
    MessageVariables ratingLinks =
        (template, orderId, customerId) ->
            orderId == null
                ? Map.of()
                : Map.of(
                    "ratingLinks",
                    IntStream.rangeClosed(1, 5)
                        .mapToObj(r -> Map.<String, Object>of(
                            "rating", r, "stars", "★".repeat(r), "url", "https://shop.test/rate/" + r))
                        .toList());
    this.model =
        new MessageModel(PROPERTIES, (order, customerId, limit) -> recommendations, List.of(ratingLinks));
  }

  static TestMessages withRecommendations() {
    return new TestMessages(
        List.of(new RecommendationSource.Recommendation(
            "TEA-9", "Jasmine <b>tea</b>", "https://shop.test/p/TEA-9")));
  }

  static TestMessages withoutRecommendations() {
    return new TestMessages(List.of());
  }

  MessageRenderer renderer() {
    return renderer;
  }

  /** Renders a message about an order (null for a customer-only one) in the recipient's locale. */
  RenderedMessage render(String template, Purpose purpose, Order order, String locale, Map<String, Object> facts) {
    MessageRequest request =
        new MessageRequest(
            order == null ? null : order.orderId(), "c-1", template, List.of(Channel.EMAIL), purpose, facts);
    String name = order == null ? "Jane" : order.customer().name();
    Recipient recipient = new Recipient("c-1", "jane@example.com", name, locale, true, false);
    String tag = renderer.localeFor(template, locale);
    String unsubscribe = purpose == Purpose.MARKETING ? UNSUBSCRIBE_URL : null;
    return renderer.render(
        template, tag, model.build(request, recipient, order, Locale.forLanguageTag(tag), unsubscribe));
  }

  static Order order(String locale, String name) {
    return order(locale, name, "Blue mug");
  }

  static Order order(String locale, String name, String productName) {
    return new Order(
        "#1001",
        new Order.Customer("jane@example.com", name),
        List.of(new Order.Item("MUG-01", productName, 2, new BigDecimal("12.50"))),
        new BigDecimal("25.00"),
        "USD",
        locale,
        LocalDate.of(2030, 12, 24),
        42L,
        Instant.parse("2030-12-01T10:00:00Z"));
  }
}
