package dev.journeys.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.journeys.journey.JourneyMessage;
import dev.journeys.journey.JourneyMessages;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Publishes first-order-placed, which starts the customer-anniversary journey, and
 * first-order-changed, which moves its one-year mark when the customer's first order that was not
 * cancelled changes (that order was cancelled; or, after all were, a new one came). Both are queued
 * in the inbox by the transaction that recorded the order or its cancellation, so each happens once
 * and is retried like any inbound event while the engine is away.
 */
@Component
class FirstOrderHandler implements InboxHandler {

  static final String TOPIC = "journeys/first-order-placed";
  static final String TOPIC_CHANGED = "journeys/first-order-changed";


  private final JourneyMessages messages;
  private final JdbcClient jdbc;
  private final ObjectMapper json;

  FirstOrderHandler(JourneyMessages messages, JdbcClient jdbc, ObjectMapper json) {
    this.messages = messages;
    this.jdbc = jdbc;
    this.json = json;
  }

  static InboxEntry.New event(String customerId, Instant firstOrderAt) {
    String payload =
        JsonNodeFactory.instance.objectNode()
            .put("customerId", customerId)
            .put("firstOrderAt", firstOrderAt.toString())
            .toString();
    return new InboxEntry.New(
        "journeys", TOPIC, null, businessKey(customerId), null, null, payload);
  }

  /**
   * A follow-up of an order of the customer that may have changed their first order that counts.
   *
   * @param why "cancelled" or "placed": with the order id, names this change once
   */
  static InboxEntry.New changed(String customerId, String orderId, String why) {
    String payload = JsonNodeFactory.instance.objectNode().put("customerId", customerId).put("orderId", orderId)
        .put("why", why).toString();
    return new InboxEntry.New("journeys", TOPIC_CHANGED, null,
        businessKey(customerId) + ":" + why + ":" + orderId, orderId, null, payload);
  }

  static String businessKey(String customerId) {
    return "journeys:first-order:" + customerId;
  }

  @Override
  public List<String> topics() {
    return List.of(TOPIC, TOPIC_CHANGED);
  }

  @Override
  public String handle(InboxEntry entry) {
    JsonNode body;
    try {
      body = json.readTree(entry.payload());
    } catch (java.io.IOException e) {
      throw UnprocessableEventException.invalid("Expected a JSON follow-up, but: " + e.getMessage());
    }
    String customerId = body.path("customerId").asText();
    if (TOPIC_CHANGED.equals(entry.topic())) {
      return changed(customerId, body.path("orderId").asText() + ":" + body.path("why").asText());
    }
    Instant firstOrderAt = Instant.parse(body.path("firstOrderAt").asText());
    var outcome = messages.publish(JourneyMessage.firstOrderPlaced(customerId, firstOrderAt));
    return "first-order-placed for customer %s: %s".formatted(customerId, outcome);
  }

  /** Tells the anniversary journey when the customer's first order not cancelled was placed now. */
  private String changed(String customerId, String change) {
    Instant firstOrderAt = firstNotCancelled(customerId);
    var outcome = messages.publish(JourneyMessage.firstOrderChanged(customerId, firstOrderAt, change));
    return "first-order-changed for customer %s to %s: %s"
        .formatted(customerId, firstOrderAt == null ? "none" : firstOrderAt, outcome);
  }

  private Instant firstNotCancelled(String customerId) {
    return jdbc.sql("SELECT MIN(placed_at) FROM orders WHERE customer_id = ? AND cancelled_at IS NULL")
        .param(customerId)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
        .optional()
        .map(OffsetDateTime::toInstant)
        .orElse(null);
  }
}
