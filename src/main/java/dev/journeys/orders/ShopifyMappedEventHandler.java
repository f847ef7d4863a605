package dev.journeys.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.journey.JourneyMessage;
import dev.journeys.journey.JourneyMessages;
import dev.journeys.journey.ShopEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Shopify webhook topics that journeys.events maps to a configured event
 * ({@code journeys.events.<name>.shopify-topic}): published as that event's journey message,
 * correlated by the subject found at the mapping's key in the body, with the body's named top-level
 * fields (or all of them) as variables. The topics Journeys handles itself cannot be mapped.
 */
@Component
class ShopifyMappedEventHandler implements InboxHandler {

  private final JourneyMessages messages;
  private final ShopEvents events;
  private final ObjectMapper json;
  private final Map<String, String> eventsByTopic;

  ShopifyMappedEventHandler(JourneyMessages messages, ShopEvents events, ObjectMapper json) {
    this.messages = messages;
    this.events = events;
    this.json = json;
    this.eventsByTopic = events.shopifyTopics();
    eventsByTopic.forEach((topic, name) -> {
      if (ShopifyTopic.of(topic).isPresent()) {
        throw new IllegalStateException("Expected journeys.events." + name + ".shopify-topic to be a topic Journeys "
            + "does not handle itself, but " + topic + " is one of its own");
      }
    });
  }

  @Override
  public List<String> topics() {
    return List.copyOf(eventsByTopic.keySet());
  }

  /** The subject (order or customer id) a mapped topic's body is about, or null when it names none. */
  static String subject(ShopEvents.Mapping mapping, JsonNode body) {
    for (String pointer : mapping.shopifyKeys()) {
      JsonNode value = body.at(pointer);
      if (value.isValueNode() && !value.isNull() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }

  @Override
  public String handle(InboxEntry entry) {
    String name = eventsByTopic.get(entry.topic());
    ShopEvents.Mapping mapping = events.mapping(name).orElseThrow();
    JsonNode body;
    try {
      body = json.readTree(entry.payload());
    } catch (JsonProcessingException e) {
      throw UnprocessableEventException.invalid(JsonProblems.malformed(e));
    }
    String subject = subject(mapping, body);
    if (subject == null) {
      throw UnprocessableEventException.invalid("Expected the %s body to name its %s at %s, but it does not"
          .formatted(entry.topic(), mapping.correlateBy() == ShopEvents.CorrelateBy.ORDER ? "order" : "customer",
              String.join(" or ", mapping.shopifyKeys())));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    body.properties().forEach(field -> {
      if (mapping.variables() == null || mapping.variables().contains(field.getKey())) {
        variables.put(field.getKey(), json.convertValue(field.getValue(), Object.class));
      }
    });
    String message = ShopEvents.messageName(name, mapping);
    JourneyMessages.Outcome outcome = messages.publish(new JourneyMessage(message, subject, variables,
        mapping.timeToLive(), name + ":" + subject + ":" + entry.businessKey()));
    return message + " " + outcome;
  }
}
