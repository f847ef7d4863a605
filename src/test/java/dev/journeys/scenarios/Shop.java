package dev.journeys.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.orders.InboxView;
import dev.journeys.orders.ShopClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;

/** The shop's side of the generic JSON API, and what the inbox and order APIs tell it back. */
final class Shop {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ShopClient http;
  private final InboxView inbox;

  Shop(int port) {
    this.http = new ShopClient(port);
    this.inbox = new InboxView(http);
  }

  /** An answer: status and JSON body. */
  record Answer(HttpStatusCode status, Map<String, Object> body) {

    static Answer of(ResponseEntity<Map<String, Object>> response) {
      return new Answer(response.getStatusCode(), response.getBody());
    }

    String inboxId() {
      return (String) body.get("inboxId");
    }
  }

  /**
   * POST /api/orders: two mugs and a tea, placed at {@code placedAt} with these promises. The
   * engine's clock is not the wall clock in these tests, so the promises are always given.
   */
  Answer placeOrder(String orderId, Buyer buyer, Instant placedAt, Instant shipBy, Instant deliverBy) {
    Map<String, Object> customer = new LinkedHashMap<>();
    customer.put("id", buyer.customerId());
    customer.put("email", buyer.email());
    customer.put("name", buyer.name());
    if (buyer.emailConsent() != null) {
      customer.put("marketingConsent", Map.of("email", buyer.emailConsent()));
    }
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("orderId", orderId);
    order.put("customer", customer);
    order.put("items", List.of(
        Map.of("sku", "MUG-01", "name", "Blue mug", "quantity", 2, "unitPrice", 12.50),
        Map.of("sku", "TEA-07", "name", "Green tea", "quantity", 1, "unitPrice", 8.90)));
    order.put("total", 33.90);
    order.put("currency", "EUR");
    order.put("locale", buyer.locale());
    order.put("estimatedDelivery", "2030-12-24");
    order.put("placedAt", placedAt.toString());
    order.put("promisedShipBy", shipBy.toString());
    order.put("promisedDeliverBy", deliverBy.toString());
    return Answer.of(http.postOrder(json(order)));
  }

  /** POST /api/orders/{orderId}/shipments with a carrier event id. */
  Answer reportShipment(String orderId, String status, String eventId) {
    return Answer.of(http.post("/api/orders/" + orderId + "/shipments",
        json(Map.of("status", status, "carrier", "DHL", "trackingNumber", "JD0146", "eventId", eventId))));
  }

  Answer cancel(String orderId, String reason) {
    return Answer.of(http.post("/api/orders/" + orderId + "/cancellation", json(Map.of("reason", reason))));
  }

  /** GET /api/orders/{orderId}. */
  Map<String, Object> order(String orderId) {
    return http.get("/api/orders/" + orderId).getBody();
  }

  /** The key of the order's post-purchase journey, once the order has been accepted. */
  long awaitJourneyKey(String orderId) {
    return Long.parseLong(await("the journey of order " + orderId).atMost(Mailbox.WAIT)
        .until(() -> {
          ResponseEntity<Map<String, Object>> found = http.get("/api/orders/" + orderId);
          return found.getStatusCode().is2xxSuccessful() ? (String) found.getBody().get("journeyKey") : null;
        }, key -> key != null));
  }

  /** Waits until the inbox has processed this event, and returns what became of it. */
  Map<String, Object> awaitProcessed(String inboxId) {
    Map<String, Object> event = await("inbox event " + inboxId + " processed").atMost(Mailbox.WAIT)
        .until(() -> inbox.get(inboxId), e -> List.of("DONE", "PARKED").contains(e.get("state")));
    assertThat(event.get("state")).as("inbox event %s: %s", inboxId, event).isEqualTo("DONE");
    return event;
  }

  /** The inbox events in a state (pending, processing, done, parked), newest first. */
  List<Map<String, Object>> inbox(String state) {
    return inbox.inState(state);
  }

  List<Map<String, Object>> inboxWithKeyPrefix(String prefix) {
    return inbox.withKeyPrefix(prefix);
  }

  /** GET /api/sandbox/tickets: the support tickets the sandbox helpdesk received. */
  List<Map<String, Object>> tickets() {
    return http.getList("/api/sandbox/tickets?limit=500");
  }

  /** GET /api/sandbox/messages: what the mail sandbox caught for this address (none in SMTP mode). */
  List<Map<String, Object>> sandboxMessagesTo(String email) {
    return http.sandboxMessages().stream().filter(m -> email.equals(m.get("to"))).toList();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
