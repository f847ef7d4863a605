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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Orders and customers arriving as Shopify webhooks, through the whole app. What the endpoint
 * refuses (signature, shop, topic, body) is {@link ShopifyWebhookControllerTest}'s, an HTTP slice.
 */
@JourneysAppTest
class ShopifyWebhookTest {

  @LocalServerPort int port;
  @Autowired Orders orders;
  @Autowired Customers customers;

  private ShopifyWebhooks shopify;
  private InboxView inbox;
  private String orderId;
  private String customerId;
  private String email;
  private Map<String, String> ids;

  @BeforeEach
  void newShopper() {
    shopify = new ShopifyWebhooks(port);
    inbox = new InboxView(new ShopClient(port));
    orderId = ShopifyWebhooks.newId();
    customerId = ShopifyWebhooks.newId();
    email = "mei-" + orderId + "@example.com";
    ids = Map.of("5830174523581", orderId, "7391024578237", customerId, "mei.lin@example.com", email);
  }

  @Test
  void anOrderStartsItsJourneyAndRecordsItsCustomer() {
    Answer answer = shopify.send("orders/create", payload("orders-create.json", ids));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body()).containsEntry("duplicate", false).containsKey("inboxId");
    Order order = awaitJourney(orderId);
    assertThat(order.customerId()).isEqualTo(customerId);
    assertThat(order.locale()).isEqualTo("zh-CN");
    assertThat(order.total()).isEqualByComparingTo("59.70");
    assertThat(order.items()).extracting(Order.Item::sku).containsExactly("MUG-IND-350", "45120398745213");
    assertThat(order.placedAt()).isEqualTo(Instant.parse("2025-03-14T08:26:53Z"));
    assertThat(order.promisedShipBy()).isEqualTo(Instant.parse("2025-03-17T08:26:53Z"));
    assertThat(order.promisedDeliverBy()).isEqualTo(Instant.parse("2025-03-21T08:26:53Z"));
    Customer customer = customers.find(customerId).orElseThrow();
    assertThat(customer.email()).isEqualTo(email);
    assertThat(customer.phone()).isEqualTo("+4915123456789");
    assertThat(customer.country()).isEqualTo("DE");
    assertThat(customer.locale()).isEqualTo("zh-CN");
    // API 2025-01: the order carries no consent; buyer_accepts_marketing is not taken for one.
    assertThat(customer.emailMarketing().granted()).isFalse();
    assertThat(customer.firstOrderAt()).isEqualTo(order.placedAt());
    await().untilAsserted(() -> assertThat(inbox.withKeyPrefix("journeys:first-order:" + customerId))
        .singleElement().satisfies(e -> assertThat(e.get("state")).isEqualTo("DONE")));
  }

  @Test
  void eitherSecretOfARotationIsAccepted() {
    assertThat(shopify.send(Delivery.of("orders/create", payload("orders-create.json", ids))
        .signedWith(ShopifyWebhooks.OLD_SECRET)).status()).isEqualTo(200);
    String other = ShopifyWebhooks.newId();
    assertThat(shopify.send(Delivery.of("orders/create", payload("orders-create.json",
        Map.of("5830174523581", other, "mei.lin@example.com", email)))).status()).isEqualTo(200);

    awaitJourney(orderId);
    awaitJourney(other);
  }

  /**
   * A body over the limit without a Content-Length is refused as soon as the reading passes the
   * limit: only a real HTTP connection streams it. The other refusals are in
   * {@link ShopifyWebhookControllerTest}.
   */
  @Test
  void aStreamedBodyOverTheLimitIsRefused() {
    String huge = "{\"id\": 1, \"padding\": \"" + "x".repeat(1024 * 1024) + "\"}";

    assertThat(shopify.sendStreamed(Delivery.of("orders/create", huge)).status()).isEqualTo(413);
  }

  @Test
  void anUnknownTopicIsStoredAndParkedWithItsReason() {
    Answer answer = shopify.send("products/update", payload("products-update.json", Map.of("8301245779133", orderId)));

    assertThat(answer.status()).isEqualTo(200);
    Object id = answer.body().get("inboxId");
    await().untilAsserted(() -> assertThat(inbox.inState("parked")).anySatisfy(e -> {
      assertThat(e.get("id")).isEqualTo(id);
      assertThat(e.get("parkCode")).isEqualTo("UNKNOWN_TOPIC");
      assertThat((String) e.get("reason")).contains("but got products/update").contains("orders/create");
    }));
  }

  @Test
  void anOrderOfAnOlderApiVersionCarriesItsCustomersConsent() {
    String older = ShopifyWebhooks.newId();
    String olderCustomer = ShopifyWebhooks.newId();
    String body = payload("orders-create-2024-07.json", Map.of("4410982734112", older, "6120398471102", olderCustomer));

    assertThat(shopify.send(Delivery.of("orders/create", body).withApiVersion("2024-07")).status()).isEqualTo(200);

    awaitJourney(older);
    Customer customer = customers.find(olderCustomer).orElseThrow();
    assertThat(customer.emailMarketing().granted()).isTrue();
    assertThat(customer.emailMarketing().updatedAt()).isEqualTo(Instant.parse("2024-08-02T18:03:11Z"));
    assertThat(customer.emailMarketing().source()).isEqualTo("shopify-order");
    assertThat(customer.smsMarketing().granted()).isFalse();
    assertThat(customer.smsMarketing().source()).isEqualTo("shopify-order");
    assertThat(customer.phone()).isEqualTo("+15035550143");
    assertThat(orders.find(older).orElseThrow().currency()).isEqualTo("USD");
  }

  private Order awaitJourney(String id) {
    await().atMost(Duration.ofSeconds(30)).until(() -> orders.find(id).map(Order::journeyKey).isPresent());
    return orders.find(id).orElseThrow();
  }
}
