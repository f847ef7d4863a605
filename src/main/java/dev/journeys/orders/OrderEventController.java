package dev.journeys.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
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

  OrderEventController(Inbox inbox, ObjectMapper json) {
    this.inbox = inbox;
    this.json = json;
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

  private ResponseEntity<EventAccepted> store(String topic, String key, String orderId, Object body) {
    ObjectNode payload = json.valueToTree(body);
    payload.put("orderId", orderId);
    InboxEntry.Stored stored =
        inbox.accept(new InboxEntry.New("api", topic, null, key, orderId, null, payload.toString()));
    return ResponseEntity.status(stored.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(EventAccepted.of(stored));
  }
}
