package dev.journeys.orders;

import static dev.journeys.orders.ShopifyWebhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.customers.Customer;
import dev.journeys.customers.Customers;
import dev.journeys.orders.ShopifyWebhooks.Answer;
import dev.journeys.orders.ShopifyWebhooks.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Shipments, cancellations and consents from Shopify: one effect each, never backwards. */
@JourneysAppTest
class ShopifyEventsTest {

  @LocalServerPort int port;
  @Autowired Orders orders;
  @Autowired Customers customers;

  private ShopifyWebhooks shopify;
  private InboxView inbox;
  private String orderId;
  private String customerId;
  private Map<String, String> ids;

  @BeforeEach
  void newShopper() {
    shopify = new ShopifyWebhooks(port);
    inbox = new InboxView(new ShopClient(port));
    orderId = ShopifyWebhooks.newId();
    customerId = ShopifyWebhooks.newId();
    ids = Map.of("5830174523581", orderId, "7391024578237", customerId,
        "mei.lin@example.com", "mei-" + orderId + "@example.com",
        "4978120339645", ShopifyWebhooks.newId(), "28817219813", ShopifyWebhooks.newId());
  }

  @Test
  void aReplayedAndADuplicatedFulfillmentHaveOneEffect() {
    placeOrder();
    Delivery fulfillment = Delivery.of("fulfillments/create", payload("fulfillments-create.json", ids));

    Answer first = shopify.send(fulfillment);
    Answer replay = shopify.send(fulfillment); // Shopify's retry: same webhook id
    Answer duplicate = shopify.send(fulfillment.withWebhookId("another-delivery")); // same change

    assertThat(List.of(first.status(), replay.status(), duplicate.status())).containsOnly(200);
    assertThat(first.body()).containsEntry("duplicate", false);
    assertThat(replay.body()).containsEntry("duplicate", true).containsEntry("inboxId", first.body().get("inboxId"));
    assertThat(duplicate.body()).containsEntry("duplicate", true).containsEntry("inboxId", first.body().get("inboxId"));
    awaitStatus(ShipmentStatus.SHIPPED);
    List<Map<String, Object>> shipments = shipmentEvents();
    assertThat(shipments).singleElement().satisfies(e -> {
      assertThat(e.get("state")).isEqualTo("DONE");
      assertThat((String) e.get("outcome")).isEqualTo("shipment-updated SHIPPED PUBLISHED");
    });
    Order order = orders.find(orderId).orElseThrow();
    assertThat(order.shipment().carrier()).isEqualTo("DHL Express");
    assertThat(order.shipment().trackingNumber()).isEqualTo("JD014600006281230704");
  }

  @Test
  void aStatusArrivingAfterAHigherOneSendsNothing() {
    placeOrder();
    shopify.send("fulfillment_events/create", payload("fulfillment-events-create.json", ids));
    awaitStatus(ShipmentStatus.DELIVERED);

    String inTransit = payload("fulfillments-create.json", ids)
        .replace("\"shipment_status\": \"confirmed\"", "\"shipment_status\": \"in_transit\"")
        .replace("2025-03-15T14:12:07+01:00", "2025-03-16T08:00:00+01:00");
    shopify.send("fulfillments/update", inTransit);

    await().untilAsserted(() -> assertThat(shipmentEvents()).hasSize(2).allSatisfy(e -> assertThat(e.get("state")).isEqualTo("DONE")));
    assertThat(shipmentEvents()).extracting(e -> e.get("outcome")).containsExactly(
        "shipment-updated DELIVERED PUBLISHED",
        "no message for IN_TRANSIT: the order is already DELIVERED");
    Order order = orders.find(orderId).orElseThrow();
    assertThat(order.shipment().status()).isEqualTo(ShipmentStatus.DELIVERED);
    assertThat(order.estimatedDelivery()).hasToString("2025-03-17");
  }

  @Test
  void aCarrierIssueIsReportedWhileTheStatusStays() {
    placeOrder();
    shopify.send("fulfillments/create", payload("fulfillments-create.json", ids));
    awaitStatus(ShipmentStatus.SHIPPED);

    shopify.send("fulfillment_events/create",
        payload("fulfillment-events-create.json", ids).replace("\"status\": \"delivered\"", "\"status\": \"attempted_delivery\""));

    await().untilAsserted(() -> assertThat(shipmentEvents()).last().satisfies(e ->
        assertThat(e.get("outcome")).isEqualTo("carrier-issue-reported FAILED_ATTEMPT PUBLISHED")));
    Order order = orders.find(orderId).orElseThrow();
    assertThat(order.shipment().status()).isEqualTo(ShipmentStatus.SHIPPED);
    assertThat(order.shipment().lastCarrierIssue()).isEqualTo(ShipmentStatus.FAILED_ATTEMPT);
  }

  @Test
  void aFulfillmentForAnUnknownOrderIsParkedAndRetriedWhenTheOrderArrives() {
    Answer early = shopify.send("fulfillments/create", payload("fulfillments-create.json", ids));

    assertThat(early.status()).isEqualTo(200);
    Object id = early.body().get("inboxId");
    await().untilAsserted(() -> assertThat(inbox.get(id)).containsEntry("state", "PARKED")
        .containsEntry("parkCode", "UNKNOWN_ORDER"));
    assertThat((String) inbox.get(id).get("reason")).contains("Expected order " + orderId + " to exist");
    assertThat(inbox.inState("parked")).extracting(e -> e.get("id")).contains(id);

    placeOrder();

    await().untilAsserted(() -> assertThat(inbox.get(id)).containsEntry("state", "DONE"));
    awaitStatus(ShipmentStatus.SHIPPED);
  }

  @Test
  void aParkedEventCanBeRetriedOnRequest() {
    Answer unknown = shopify.send("products/update", payload("products-update.json", Map.of("8301245779133", orderId)));
    Object id = unknown.body().get("inboxId");
    await().untilAsserted(() -> assertThat(inbox.get(id)).containsEntry("state", "PARKED"));
    ShopClient shop = new ShopClient(port);

    var retried = shop.post("/api/inbox/" + id + "/retry", "");

    assertThat(retried.getStatusCode().value()).isEqualTo(200);
    assertThat(retried.getBody()).containsEntry("id", id);
    // Still no handler for the topic: parked again, and retrying a pending one is refused.
    await().untilAsserted(() -> assertThat(inbox.get(id)).containsEntry("state", "PARKED"));
    assertThat(shop.post("/api/inbox/999999999/retry", "").getStatusCode().value()).isEqualTo(404);
  }

  @Test
  void aCancelledOrderGetsNoFurtherShippingMessages() {
    placeOrder();

    shopify.send("orders/cancelled", payload("orders-cancelled.json", ids));
    await().until(() -> orders.find(orderId).orElseThrow().cancelled());
    shopify.send("fulfillments/create", payload("fulfillments-create.json", ids));

    await().untilAsserted(() -> assertThat(shipmentEvents()).singleElement().satisfies(e ->
        assertThat(e.get("outcome")).isEqualTo("tracking recorded; no message: the order was cancelled")));
    Order order = orders.find(orderId).orElseThrow();
    assertThat(order.cancellation().reason()).isEqualTo("customer");
    assertThat(order.shipment().status()).isNull();
  }

  @Test
  void consentTopicsUpdateTheCustomerAndALateOlderChangeLosesToANewerOne() {
    Answer email = shopify.send("customers_email_marketing_consent/update",
        payload("customers-email-marketing-consent-update.json", ids));
    Answer sms = shopify.send("customers_marketing_consent/update",
        payload("customers-marketing-consent-update.json", ids));
    assertThat(List.of(email.status(), sms.status())).containsOnly(200);
    await().until(() -> customers.find(customerId).map(c -> c.smsMarketing().granted() && c.emailMarketing().granted()).orElse(false));

    String olderWithdrawal = payload("customers-email-marketing-consent-update.json", ids)
        .replace("\"subscribed\"", "\"unsubscribed\"").replace("2025-03-14T09:31:02+01:00", "2025-03-01T10:00:00+01:00");
    Object id = shopify.send("customers_email_marketing_consent/update", olderWithdrawal).body().get("inboxId");

    await().untilAsserted(() -> assertThat(inbox.get(id)).containsEntry("state", "DONE"));
    Customer customer = customers.find(customerId).orElseThrow();
    assertThat(customer.emailMarketing().granted()).isTrue();
    assertThat(customer.emailMarketing().updatedAt()).isEqualTo(Instant.parse("2025-03-14T08:31:02Z"));
    assertThat(customer.emailMarketing().source()).isEqualTo("shopify-consent");
    assertThat(customer.smsMarketing().granted()).isTrue();
  }

  private void placeOrder() {
    assertThat(shopify.send("orders/create", payload("orders-create.json", ids)).status()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(orderId).map(Order::journeyKey).isPresent());
  }

  private void awaitStatus(ShipmentStatus status) {
    await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(orderId).map(o -> o.shipment().status() == status).orElse(false));
  }

  private List<Map<String, Object>> shipmentEvents() {
    return inbox.forOrder(orderId).stream().filter(e -> ((String) e.get("topic")).startsWith("fulfillment")).toList();
  }
}
