package dev.journeys.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.stereotype.Component;

/** Applies the shipment and cancellation events of the JSON API, validated when they came in. */
@Component
class ApiEventHandler implements InboxHandler {

  static final String SHIPMENT = "api/shipment";
  static final String CANCELLATION = "api/cancellation";

  private final OrderEvents events;
  private final ObjectMapper json;

  ApiEventHandler(OrderEvents events, ObjectMapper json) {
    this.events = events;
    this.json = json;
  }

  @Override
  public List<String> topics() {
    return List.of(SHIPMENT, CANCELLATION);
  }

  @Override
  public String handle(InboxEntry entry) {
    JsonNode body = read(entry);
    String orderId = body.path("orderId").asText();
    if (entry.topic().equals(CANCELLATION)) {
      return events.cancel(orderId, body.path("reason").asText(null));
    }
    ShipmentRequest shipment = json.convertValue(body, ShipmentRequest.class);
    // Without an id of its own, the inbox row tells this report from others.
    String eventId = shipment.eventId() != null ? shipment.eventId()
        : shipment.occurredAt() != null ? shipment.occurredAt().toString() : "inbox-" + entry.id();
    return events.reportShipment(
        ShipmentReport.of(orderId, shipment.status(), shipment.carrier(), shipment.trackingNumber(),
            shipment.trackingUrl(), shipment.estimatedDelivery(), shipment.occurredAt(), eventId)
            .withPickup(blankToNull(shipment.pickupPlace()), shipment.pickupUntil()));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  private JsonNode read(InboxEntry entry) {
    try {
      return json.readTree(entry.payload());
    } catch (JsonProcessingException e) {
      throw UnprocessableEventException.invalid(JsonProblems.malformed(e));
    }
  }
}
