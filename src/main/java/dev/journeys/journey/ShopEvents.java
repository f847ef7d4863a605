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
   */
  public record Mapping(String message, @DefaultValue("order") CorrelateBy correlateBy, List<String> variables,
      @DefaultValue("1h") Duration timeToLive) {}

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

  /** Every message name the configured events publish (for the linter). */
  public Set<String> messageNames() {
    Set<String> names = new TreeSet<>();
    events.forEach((name, mapping) -> names.add(messageName(name, mapping)));
    return names;
  }
}
