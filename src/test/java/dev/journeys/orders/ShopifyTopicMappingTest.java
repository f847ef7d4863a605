package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.journey.ShopEvents;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration of Shopify topics mapped to events: where the subject is found, and the mistakes refused at start-up. */
class ShopifyTopicMappingTest {

  private final ObjectMapper json = new ObjectMapper();

  private static ShopEvents.Mapping mapping(ShopEvents.CorrelateBy by, String topic, String key) {
    return new ShopEvents.Mapping(null, by, null, Duration.ofHours(1), topic, key);
  }

  @Test
  void findsTheSubjectAtTheDefaultKeysOrTheConfiguredPointer() throws Exception {
    var body = json.readTree("{\"id\": 5, \"order_id\": 42, \"customer\": {\"id\": 7}, \"ref\": {\"shop\": \"x-1\"}}");
    assertThat(ShopifyMappedEventHandler.subject(mapping(ShopEvents.CorrelateBy.ORDER, "refunds/create", null), body))
        .isEqualTo("42");
    assertThat(ShopifyMappedEventHandler.subject(mapping(ShopEvents.CorrelateBy.CUSTOMER, "customers/update", null), body))
        .isEqualTo("7");
    assertThat(ShopifyMappedEventHandler.subject(mapping(ShopEvents.CorrelateBy.ORDER, "t", "/ref/shop"), body))
        .isEqualTo("x-1");
    assertThat(ShopifyMappedEventHandler.subject(mapping(ShopEvents.CorrelateBy.ORDER, "t", "/missing"), body)).isNull();
  }

  @Test
  void aTopicJourneysHandlesItselfCannotBeMapped() {
    ShopEvents events = new ShopEvents(Map.of("paid", mapping(ShopEvents.CorrelateBy.ORDER, "orders/create", null)));
    assertThatThrownBy(() -> new ShopifyMappedEventHandler(null, events, json))
        .hasMessageContaining("journeys.events.paid.shopify-topic").hasMessageContaining("orders/create");
  }

  @Test
  void aTopicTwoEventsClaimIsRefusedNamingBoth() {
    ShopEvents events = new ShopEvents(Map.of(
        "refund-a", mapping(ShopEvents.CorrelateBy.ORDER, "refunds/create", null),
        "refund-b", mapping(ShopEvents.CorrelateBy.ORDER, "refunds/create", null)));
    assertThatThrownBy(events::shopifyTopics).hasMessageContaining("refund-a").hasMessageContaining("refund-b")
        .hasMessageContaining("refunds/create");
    assertThat(new ShopEvents(Map.of("x", mapping(ShopEvents.CorrelateBy.ORDER, "refunds/create", null)))
        .shopifyTopics()).isEqualTo(Map.of("refunds/create", "x"));
    assertThat(mapping(ShopEvents.CorrelateBy.CUSTOMER, "t", null).shopifyKeys())
        .isEqualTo(List.of("/customer/id", "/customer_id", "/id"));
  }
}
