package dev.journeys.scenarios;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.orders.ShopClient;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Answer;
import dev.journeys.scenarios.OutboxView.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Late news through the whole app (journeys.notify.stale-after): an order story that reaches us
 * weeks after it happened (a backfill, a replay after an outage) tells the customer nothing stale,
 * and an order that reaches us after both its ship-by and deliver-by dates gets one delay alert, not
 * two. What is asserted is what GreenMail received and why the outbox skipped the rest.
 */
@JourneysAppTest
@SharedSmtp.Uses
@TestPropertySource(properties = {
  "journeys.engine.clock=controlled",
  "journeys.shopify.webhook-secrets=" + ShopifyWebhooks.SECRET
})
class LateNewsScenarioTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private Shop shop;
  private Shopify shopify;
  private Mailbox mail;
  private EngineClockApi clock;
  private EngineView engine;
  private OutboxView outbox;

  @BeforeEach
  void connect() {
    shop = new Shop(port);
    shopify = new Shopify(port);
    mail = new Mailbox(SharedSmtp.server());
    clock = new EngineClockApi(port);
    engine = new EngineView(jdbc);
    outbox = new OutboxView(jdbc);
  }

  @Test
  void anApiStoryReplayedWeeksLateSendsNothingStale() {
    Buyer ada = Buyer.named("Ada", "en");
    Instant placed = clock.now().minus(Duration.ofDays(30));
    String id = "L-" + UUID.randomUUID().toString().substring(0, 8);
    Shop.Answer answer = shop.placeOrder(id, ada, placed, placed.plus(Duration.ofDays(3)), placed.plus(Duration.ofDays(7)));
    assertThat(answer.status()).as("POST /api/orders: %s", answer.body()).isEqualTo(HttpStatus.CREATED);
    long journey = Long.parseLong((String) answer.body().get("journeyKey"));
    int day = 1;
    for (String status : List.of("SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED")) {
      report(id, status, placed.plus(Duration.ofDays(day++)));
    }

    engine.awaitAt(journey, "one_day_after_delivery");
    List<Row> rows = awaitRows(id, 5);
    assertThat(rows).extracting(Row::template).contains("order-confirmation", "shipping-update");
    assertThat(rows).allSatisfy(r -> assertThat(r).extracting(Row::status, Row::reason)
        .containsExactly("SKIPPED", "stale-news"));
    assertThat(mail.to(ada.email())).as("nothing stale reached the customer").isEmpty();
  }

  @Test
  void aShopifyStoryReplayedWeeksLateSendsNothingStaleInZhCnEither() {
    Buyer mei = Buyer.shopify("Mei", "zh-CN");
    String id = ShopifyWebhooks.newId();
    String fulfillment = ShopifyWebhooks.newId();
    Instant placed = clock.now().minus(Duration.ofDays(21));

    accepted(shopify.send("orders/create", shopify.orderCreated(id, mei, placed)));
    accepted(shopify.send("fulfillments/create", shopify.fulfillment(id, fulfillment, "confirmed",
        placed.plus(Duration.ofDays(1)))));
    accepted(shopify.send("fulfillment_events/create", shopify.fulfillmentEvent(id, fulfillment,
        ShopifyWebhooks.newId(), "in_transit", placed.plus(Duration.ofDays(2)))));
    accepted(shopify.send("fulfillment_events/create", shopify.fulfillmentEvent(id, fulfillment,
        ShopifyWebhooks.newId(), "delivered", placed.plus(Duration.ofDays(4)))));

    engine.awaitAt(shop.awaitJourneyKey(id), "one_day_after_delivery");
    List<Row> rows = awaitRows(id, 4);
    assertThat(rows).extracting(Row::template).contains("order-confirmation", "shipping-update");
    assertThat(rows).allSatisfy(r -> assertThat(r.reason()).isEqualTo("stale-news"));
    assertThat(mail.to(mei.email())).isEmpty();
  }

  @Test
  void anOrderReachingUsAfterBothDatesGetsOneDelayAlertInEitherLocale() {
    for (Buyer buyer : List.of(Buyer.named("Lena", "en"), Buyer.named("Li", "zh-CN"))) {
      Instant now = clock.now();
      String id = "L-" + UUID.randomUUID().toString().substring(0, 8);
      Shop.Answer answer = shop.placeOrder(id, buyer, now.minus(Duration.ofHours(36)),
          now.minus(Duration.ofHours(30)), now.minus(Duration.ofHours(1)));
      assertThat(answer.status()).as("POST /api/orders: %s", answer.body()).isEqualTo(HttpStatus.CREATED);
      long journey = Long.parseLong((String) answer.body().get("journeyKey"));

      engine.awaitCompleted(journey, "ship_by_alert_sent");
      engine.awaitCompleted(journey, "deliver_by_alert_sent");
      List<Row> alerts = outbox.emailsOfOrder(id).stream().filter(r -> r.template().equals("delay-alert")).toList();
      assertThat(alerts).containsExactlyInAnyOrder(
          new Row("delay-alert", "email", "SENT", null),
          new Row("delay-alert", "email", "SKIPPED", "covered-by-deliver-by-alert"));
      await().atMost(Mailbox.WAIT).until(() -> mail.to(buyer.email()).size() == 2);
      assertThat(mail.to(buyer.email())).allSatisfy(m -> assertThat(m.language()).isEqualTo(buyer.locale()));
      assertThat(mail.subjectsTo(buyer.email()).get(1)).contains(id)
          .isEqualTo(buyer.locale().equals("en") ? "Your order " + id + " is running late"
              : mail.subjectsTo(buyer.email()).get(1));
      awaitDuring(Duration.ofSeconds(1))
          .until(() -> mail.to(buyer.email()).size() == 2);
    }
  }

  // --- steps -------------------------------------------------------------------------------

  /** POST /api/orders/{id}/shipments with when it happened at the carrier. */
  private void report(String orderId, String status, Instant occurredAt) {
    var answer = new ShopClient(port).post("/api/orders/" + orderId + "/shipments", Shop.json(Map.of(
        "status", status, "carrier", "DHL", "trackingNumber", "JD0146",
        "eventId", status.toLowerCase() + "-" + UUID.randomUUID(), "occurredAt", occurredAt.toString())));
    assertThat(answer.getStatusCode()).as("shipment %s: %s", status, answer.getBody()).isEqualTo(HttpStatus.ACCEPTED);
  }

  /** The order's email outbox rows once there are at least this many. */
  private List<Row> awaitRows(String orderId, int atLeast) {
    return await("outbox of order " + orderId).atMost(Mailbox.WAIT)
        .until(() -> outbox.emailsOfOrder(orderId), rows -> rows.size() >= atLeast);
  }

  private static Answer accepted(Answer answer) {
    assertThat(answer.status()).as("webhook answer %s", answer.body()).isEqualTo(200);
    return answer;
  }
}
