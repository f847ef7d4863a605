package dev.journeys.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.journey.ShopEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shipment and cancellation events for any shop. Each is stored in the inbox before the answer and
 * applied asynchronously: 202 for a new event, 200 for a repeat, which changes nothing.
 */
@RestController
@Tag(name = "Orders")
class OrderEventController {

  private final Inbox inbox;
  private final ObjectMapper json;
  private final ShopEvents shopEvents;

  OrderEventController(Inbox inbox, ObjectMapper json, ShopEvents shopEvents) {
    this.inbox = inbox;
    this.json = json;
    this.shopEvents = shopEvents;
  }

  @Operation(
      summary = "Report a shipment status",
      description = "Progress statuses are ranked (SHIPPED < IN_TRANSIT < OUT_FOR_DELIVERY = "
          + "READY_FOR_PICKUP < DELIVERED) and never move backwards: only a higher one reaches the "
          + "customer. DELAYED, FAILED_ATTEMPT and EXCEPTION are carrier issues, reported each time "
          + "(tell them apart with eventId or occurredAt).")
  @PostMapping("/api/orders/{orderId}/shipments")
  ResponseEntity<EventAccepted> shipment(
      @PathVariable String orderId, @Valid @RequestBody ShipmentRequest request) {
    OrderIds.check(orderId);
    return store(ApiEventHandler.SHIPMENT, request.businessKey(orderId), orderId, request);
  }

  @Operation(
      summary = "Cancel an order",
      description = "Ends the order's journey with a cancellation notice; nothing else is sent.")
  @PostMapping("/api/orders/{orderId}/cancellation")
  ResponseEntity<EventAccepted> cancellation(
      @PathVariable String orderId, @Valid @RequestBody(required = false) CancellationRequest request) {
    OrderIds.check(orderId);
    CancellationRequest body = request == null ? new CancellationRequest(null) : request;
    // An order is cancelled once: every later request is a repeat.
    return store(ApiEventHandler.CANCELLATION, "api:cancellation:" + orderId, orderId, body);
  }

  @Operation(
      summary = "Report a shop event of a configured kind about an order",
      description = "An event named under journeys.events (e.g. review-posted) publishes its journey message, "
          + "correlated by the order id; `data` carries the fields the mapping names as variables. Stored "
          + "before the answer: 202 for a new event, 200 for a repeat (same name and id). An unknown name is a 400.")
  @PostMapping("/api/orders/{orderId}/events")
  ResponseEntity<EventAccepted> orderEvent(@PathVariable String orderId, @Valid @RequestBody CustomEventRequest request) {
    OrderIds.check(orderId);
    return custom(ShopEvents.CorrelateBy.ORDER, orderId, request);
  }

  @Operation(
      summary = "Report a shop event of a configured kind about a customer",
      description = "As for an order, correlated by the customer id (journeys.events.<name>.correlate-by=customer).")
  @PostMapping("/api/customers/{customerId}/events")
  ResponseEntity<EventAccepted> customerEvent(@PathVariable String customerId,
      @Valid @RequestBody CustomEventRequest request) {
    OrderIds.check(customerId, "customerId");
    return custom(ShopEvents.CorrelateBy.CUSTOMER, customerId, request);
  }

  private ResponseEntity<EventAccepted> custom(ShopEvents.CorrelateBy by, String subject, CustomEventRequest request) {
    ShopEvents.Mapping mapping = shopEvents.mapping(request.name()).orElseThrow(() -> new RequestRejectedException(
        HttpStatus.BAD_REQUEST, "Unknown event", Map.of("name",
            "must be an event configured under journeys.events, one of " + shopEvents.events().keySet())));
    if (mapping.correlateBy() != by) {
      boolean order = mapping.correlateBy() == ShopEvents.CorrelateBy.ORDER;
      throw new RequestRejectedException(HttpStatus.BAD_REQUEST, "Event about another subject", Map.of("name",
          "is an event about %s: post it to /api/%s/{id}/events".formatted(order ? "an order" : "a customer",
              order ? "orders" : "customers")));
    }
    ObjectNode payload = json.valueToTree(request);
    payload.put(by == ShopEvents.CorrelateBy.ORDER ? "orderId" : "customerId", subject);
    String orderId = by == ShopEvents.CorrelateBy.ORDER ? subject : null;
    InboxEntry.Stored stored = inbox.accept(new InboxEntry.New("api", CustomEventHandler.TOPIC, null,
        request.businessKey(subject), orderId, null, payload.toString()));
    return ResponseEntity.status(stored.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(EventAccepted.of(stored));
  }

  private ResponseEntity<EventAccepted> store(String topic, String key, String orderId, Object body) {
    ObjectNode payload = json.valueToTree(body);
    payload.put("orderId", orderId);
    InboxEntry.Stored stored =
        inbox.accept(new InboxEntry.New("api", topic, null, key, orderId, null, payload.toString()));
    return ResponseEntity.status(stored.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(EventAccepted.of(stored));
  }
}
