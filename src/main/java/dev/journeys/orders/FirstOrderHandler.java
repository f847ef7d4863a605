package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.journey.JourneyMessage;
import dev.journeys.journey.JourneyMessages;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Publishes first-order-placed, which starts the customer-anniversary journey. Queued in the inbox
 * by the transaction that recorded the customer's first order, so it happens once, and is retried
 * like any inbound event while the engine is away.
 */
@Component
class FirstOrderHandler implements InboxHandler {

  static final String TOPIC = "journeys/first-order-placed";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JourneyMessages messages;

  FirstOrderHandler(JourneyMessages messages) {
    this.messages = messages;
  }

  static InboxEntry.New event(String customerId, Instant firstOrderAt) {
    String payload =
        JSON.createObjectNode()
            .put("customerId", customerId)
            .put("firstOrderAt", firstOrderAt.toString())
            .toString();
    return new InboxEntry.New(
        "journeys", TOPIC, null, businessKey(customerId), null, null, payload);
  }

  static String businessKey(String customerId) {
    return "journeys:first-order:" + customerId;
  }

  @Override
  public List<String> topics() {
    return List.of(TOPIC);
  }

  @Override
  public String handle(InboxEntry entry) {
    JsonNode body;
    try {
      body = JSON.readTree(entry.payload());
    } catch (java.io.IOException e) {
      throw UnprocessableEventException.invalid("Expected a JSON follow-up, but: " + e.getMessage());
    }
    String customerId = body.path("customerId").asText();
    Instant firstOrderAt = Instant.parse(body.path("firstOrderAt").asText());
    var outcome = messages.publish(JourneyMessage.firstOrderPlaced(customerId, firstOrderAt));
    return "first-order-placed for customer %s: %s".formatted(customerId, outcome);
  }
}
