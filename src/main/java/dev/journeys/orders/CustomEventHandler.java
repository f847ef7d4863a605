package dev.journeys.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.journey.JourneyMessage;
import dev.journeys.journey.JourneyMessages;
import dev.journeys.journey.ShopEvents;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Publishes a configured shop event (journeys.events) as its journey message: correlated by the
 * order or the customer, with the data fields the mapping names as variables.
 */
@Component
class CustomEventHandler implements InboxHandler {

  static final String TOPIC = "api/event";
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JourneyMessages messages;
  private final ShopEvents events;
  private final ObjectMapper json;

  CustomEventHandler(JourneyMessages messages, ShopEvents events, ObjectMapper json) {
    this.messages = messages;
    this.events = events;
    this.json = json;
  }

  @Override
  public List<String> topics() {
    return List.of(TOPIC);
  }

  @Override
  public String handle(InboxEntry entry) {
    Map<String, Object> body;
    try {
      body = json.readValue(entry.payload(), MAP);
    } catch (JsonProcessingException e) {
      throw UnprocessableEventException.invalid(JsonProblems.malformed(e));
    }
    String name = String.valueOf(body.get("name"));
    ShopEvents.Mapping mapping = events.mapping(name).orElseThrow(() -> UnprocessableEventException.invalid(
        "Expected event '%s' to be configured under journeys.events, but it no longer is".formatted(name)));
    String subject = String.valueOf(body.get(mapping.correlateBy() == ShopEvents.CorrelateBy.ORDER ? "orderId" : "customerId"));
    @SuppressWarnings("unchecked")
    Map<String, Object> data = body.get("data") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
    Map<String, Object> variables = new LinkedHashMap<>();
    if (mapping.variables() == null) {
      variables.putAll(data);
    } else {
      mapping.variables().stream().filter(data::containsKey).forEach(v -> variables.put(v, data.get(v)));
    }
    if (body.get("occurredAt") != null) {
      variables.putIfAbsent("eventOccurredAt", body.get("occurredAt"));
    }
    String message = ShopEvents.messageName(name, mapping);
    JourneyMessages.Outcome outcome = messages.publish(new JourneyMessage(message, subject, variables,
        mapping.timeToLive(), name + ":" + subject + ":" + body.get("id")));
    return message + " " + outcome;
  }
}
