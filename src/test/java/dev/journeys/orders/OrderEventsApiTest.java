package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.customers.Customer;
import dev.journeys.customers.Customers;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

/** The generic JSON API beyond placing an order: customers, shipments, cancellation, reading. */
@JourneysAppTest
class OrderEventsApiTest {

  @LocalServerPort int port;
  @Autowired Orders orders;
  @Autowired Customers customers;

  private ShopClient shop;
  private InboxView inbox;
  private String orderId;

  @BeforeEach
  void newOrder() {
    shop = new ShopClient(port);
    inbox = new InboxView(shop);
    orderId = OrderJson.newOrderId();
  }

  @Test
  void anOrderRecordsItsCustomerPromisesAndConsent() {
    String customerId = "C-" + orderId;
    String body = OrderJson.order(orderId).replace(
        "\"customer\": {\"email\": \"jane.doe@example.com\", \"name\": \"Jane Doe\"}",
        """
        "customer": {"id": "%s", "email": "jane.doe@example.com", "name": "Jane Doe",
          "phone": "+4915112345678", "country": "de", "timeZone": "Europe/Berlin",
          "marketingConsent": {"email": true, "sms": false}},
        "placedAt": "2030-06-01T10:00:00Z", "promisedDeliverBy": "2030-06-05T18:00:00Z"
        """.formatted(customerId));

    assertThat(shop.postOrder(body).getStatusCode().value()).isEqualTo(201);

    Map<String, Object> view = shop.get("/api/orders/" + orderId).getBody();
    assertThat(view).containsEntry("customerId", customerId)
        .containsEntry("placedAt", "2030-06-01T10:00:00Z")
        .containsEntry("promisedShipBy", "2030-06-04T10:00:00Z")
        .containsEntry("promisedDeliverBy", "2030-06-05T18:00:00Z")
        .doesNotContainKey("customer");
    assertThat(view.toString()).doesNotContain("jane.doe@example.com");
    Customer customer = customers.find(customerId).orElseThrow();
    assertThat(customer.phone()).isEqualTo("+4915112345678");
    assertThat(customer.country()).isEqualTo("DE");
    assertThat(customer.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(customer.emailMarketing()).extracting(Customer.Consent::granted, Customer.Consent::source).containsExactly(true, "api");
    assertThat(customer.smsMarketing().granted()).isFalse();
    assertThat(customer.firstOrderAt()).isEqualTo(Instant.parse("2030-06-01T10:00:00Z"));
  }

  @Test
  void onlyACustomersFirstOrderStartsTheirOwnJourney() {
    String email = "repeat-" + orderId.toLowerCase() + "@example.com";
    shop.postOrder(OrderJson.order(orderId, email, "Repeat Buyer", "en"));
    shop.postOrder(OrderJson.order(OrderJson.newOrderId(), email, "Repeat Buyer", "en"));

    String customerId = customers.guestId(email);
    assertThat(orders.find(orderId).orElseThrow().customerId()).isEqualTo(customerId);
    await().untilAsserted(() -> assertThat(inbox.withKeyPrefix("journeys:first-order:" + customerId))
        .singleElement().satisfies(e -> {
          assertThat(e.get("state")).isEqualTo("DONE");
          assertThat((String) e.get("outcome")).isEqualTo("first-order-placed for customer " + customerId + ": PUBLISHED");
        }));
  }

  @Test
  void shipmentsMoveForwardOnlyAndRepeatsChangeNothing() {
    shop.postOrder(OrderJson.order(orderId));
    String delivered = "{\"status\": \"DELIVERED\", \"carrier\": \"DHL\", \"trackingNumber\": \"JD0146\", "
        + "\"trackingUrl\": \"https://dhl.example/JD0146\", \"eventId\": \"evt-2\"}";

    ResponseEntity<Map<String, Object>> first = shipment(delivered);
    ResponseEntity<Map<String, Object>> repeat = shipment(delivered);
    assertThat(first.getStatusCode().value()).isEqualTo(202);
    assertThat(repeat.getStatusCode().value()).isEqualTo(200);
    assertThat(repeat.getBody()).containsEntry("duplicate", true).containsEntry("inboxId", first.getBody().get("inboxId"));
    ResponseEntity<Map<String, Object>> late = shipment("{\"status\": \"IN_TRANSIT\", \"eventId\": \"evt-1\"}");
    assertThat(late.getStatusCode().value()).isEqualTo(202);

    await().untilAsserted(() -> assertThat(inbox.forOrder(orderId)).extracting(e -> e.get("outcome")).containsExactly(
        "shipment-updated DELIVERED PUBLISHED", "no message for IN_TRANSIT: the order is already DELIVERED"));
    @SuppressWarnings("unchecked")
    Map<String, Object> shipment = (Map<String, Object>) shop.get("/api/orders/" + orderId).getBody().get("shipment");
    assertThat(shipment).containsEntry("status", "DELIVERED").containsEntry("carrier", "DHL")
        .containsEntry("trackingUrl", "https://dhl.example/JD0146");
  }

  @Test
  void aShipmentForAnUnknownOrderIsParkedUntilTheOrderArrives() {
    Object id = shipment("{\"status\": \"SHIPPED\"}").getBody().get("inboxId");
    await().untilAsserted(() -> assertThat(inbox.get(id)).containsEntry("state", "PARKED").containsEntry("parkCode", "UNKNOWN_ORDER"));

    shop.postOrder(OrderJson.order(orderId));

    await().untilAsserted(() -> assertThat(inbox.get(id)).containsEntry("state", "DONE")
        .containsEntry("outcome", "shipment-updated SHIPPED PUBLISHED"));
  }

  @Test
  void aCancellationIsAcceptedOnce() {
    shop.postOrder(OrderJson.order(orderId));

    ResponseEntity<Map<String, Object>> first = shop.post("/api/orders/" + orderId + "/cancellation", "{\"reason\": \"changed my mind\"}");
    ResponseEntity<Map<String, Object>> repeat = shop.post("/api/orders/" + orderId + "/cancellation", "{}");

    assertThat(first.getStatusCode().value()).isEqualTo(202);
    assertThat(repeat.getStatusCode().value()).isEqualTo(200);
    await().until(() -> orders.find(orderId).orElseThrow().cancelled());
    @SuppressWarnings("unchecked")
    Map<String, Object> cancellation = (Map<String, Object>) shop.get("/api/orders/" + orderId).getBody().get("cancellation");
    assertThat(cancellation).containsEntry("reason", "changed my mind").containsKey("at");
  }

  private ResponseEntity<Map<String, Object>> shipment(String json) {
    return shop.post("/api/orders/" + orderId + "/shipments", json);
  }
}
