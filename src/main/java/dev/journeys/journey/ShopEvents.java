package dev.journeys.journey;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Shop events beyond the built-in ones, mapped to journey messages without Java: under
 * {@code journeys.events.<event name>}, the BPMN message it publishes, what it correlates by (the
 * order or the customer) and which of its data fields become variables. The ingestion takes them at
 * {@code POST /api/orders/{orderId}/events} and {@code POST /api/customers/{customerId}/events}; the
 * linter accepts their message names.
 */
@ConfigurationProperties("journeys")
public record ShopEvents(Map<String, Mapping> events) {

  /** What the correlation key of the event's message is. */
  public enum CorrelateBy { ORDER, CUSTOMER }

  /**
   * @param message the BPMN message name; by default the event's own name
   * @param correlateBy ORDER: the order id (a journey's {@code =orderId}); CUSTOMER: the customer id
   * @param variables the data fields that become message variables; unset, all of them
   * @param timeToLive how long the engine keeps the message for a journey not yet waiting for it
   * @param shopifyTopic a Shopify webhook topic (e.g. {@code refunds/create}) that also arrives as
   *     this event, signed and stored like every Shopify webhook; its body's top-level fields are the
   *     event's data
   * @param shopifyKey where in that body the correlation subject is, as a JSON pointer; by default
   *     {@code /order_id} or else {@code /id} for an order, {@code /customer/id}, {@code /customer_id}
   *     or else {@code /id} for a customer
   */
  public record Mapping(String message, @DefaultValue("order") CorrelateBy correlateBy, List<String> variables,
      @DefaultValue("1h") Duration timeToLive, String shopifyTopic, String shopifyKey) {

    /** Where the correlation subject may be in a Shopify body, in the order they are tried. */
    public List<String> shopifyKeys() {
      if (shopifyKey != null && !shopifyKey.isBlank()) {
        return List.of(shopifyKey.strip());
      }
      return correlateBy == CorrelateBy.ORDER ? List.of("/order_id", "/id") : List.of("/customer/id", "/customer_id", "/id");
    }
  }

  public ShopEvents {
    events = events == null ? Map.of() : Map.copyOf(new TreeMap<>(events));
  }

  public java.util.Optional<Mapping> mapping(String eventName) {
    return java.util.Optional.ofNullable(events.get(eventName));
  }

  /** The BPMN message an event publishes. */
  public static String messageName(String eventName, Mapping mapping) {
    return mapping.message() == null || mapping.message().isBlank() ? eventName : mapping.message();
  }

  /**
   * The Shopify topics that arrive as configured events, each with its event's name; a topic two
   * events claim is a configuration error, named at start-up.
   */
  public Map<String, String> shopifyTopics() {
    Map<String, String> topics = new TreeMap<>();
    events.forEach((name, mapping) -> {
      if (mapping.shopifyTopic() != null && !mapping.shopifyTopic().isBlank()) {
        String earlier = topics.put(mapping.shopifyTopic().strip(), name);
        if (earlier != null) {
          throw new IllegalStateException("Expected each Shopify topic under journeys.events.*.shopify-topic once, but "
              + mapping.shopifyTopic().strip() + " is claimed by events '" + earlier + "' and '" + name + "'");
        }
      }
    });
    return topics;
  }

  /** Every message name the configured events publish (for the linter). */
  public Set<String> messageNames() {
    Set<String> names = new TreeSet<>();
    events.forEach((name, mapping) -> names.add(messageName(name, mapping)));
    return names;
  }
}
