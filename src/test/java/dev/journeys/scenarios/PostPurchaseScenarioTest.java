package dev.journeys.scenarios;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Answer;
import dev.journeys.orders.ShopifyWebhooks.Delivery;
import dev.journeys.scenarios.Mailbox.Mail;
import dev.journeys.scenarios.OutboxView.Row;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * The post-purchase journey through the whole app, driven only as a shop and its customers drive
 * it: orders and shipment events over the JSON API and as signed Shopify webhooks, clicks on the
 * links of the emails received, and the engine's controlled clock for the waits of days and years.
 * What is asserted is what the SMTP server (GreenMail, on loopback) received.
 *
 * <p>One app for the whole class: each scenario has its own orders and customers, and dates them
 * from the engine clock's now, which other scenarios may have moved on by a year.
 */
@JourneysAppTest
@SharedSmtp.Uses
@TestPropertySource(properties = {
  "journeys.engine.clock=controlled",
  "journeys.shopify.webhook-secrets=" + ShopifyWebhooks.SECRET
})
class PostPurchaseScenarioTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private Shop shop;
  private Shopify shopify;
  private Mailbox mail;
  private EngineClockApi clock;
  private Browser browser;
  private EngineView engine;
  private OutboxView outbox;

  @BeforeEach
  void connect() {
    shop = new Shop(port);
    shopify = new Shopify(port);
    mail = new Mailbox(SharedSmtp.server());
    clock = new EngineClockApi(port);
    browser = new Browser(port);
    engine = new EngineView(jdbc);
    outbox = new OutboxView(jdbc);
  }

  /** An order accepted over the JSON API: its id and the key of its journey. */
  private record Placed(String orderId, long journeyKey) {}

  @Test
  void homeDeliveryGetsOneEmailPerForwardStatus() {
    Buyer jane = Buyer.named("Jane", "en");
    String id = placeOrder(jane).orderId();

    Mail confirmation = mail.awaitSubject(jane.email(), "Your order " + id + " is confirmed");
    assertThat(confirmation.to()).isEqualTo(jane.email());
    assertThat(confirmation.language()).isEqualTo("en");
    assertThat(confirmation.text())
        .contains("Thank you for your order " + id, "Blue mug", "Total: €33.90")
        .contains("https://shop.example.com/orders/" + id + "/tracking");
    assertThat(confirmation.listUnsubscribe()).as("transactional").isNull();
    for (String status : List.of("SHIPPED", "IN_TRANSIT", "OUT_FOR_DELIVERY", "DELIVERED")) {
      report(id, status);
      Mail update = mail.awaitSubject(jane.email(), shippingSubject(status, id));
      assertThat(update.language()).isEqualTo("en");
      assertThat(update.text()).contains(shippingLine(status, id));
    }

    assertThat(mail.subjectsTo(jane.email())).containsExactly(
        "Your order " + id + " is confirmed",
        shippingSubject("SHIPPED", id),
        shippingSubject("IN_TRANSIT", id),
        shippingSubject("OUT_FOR_DELIVERY", id),
        shippingSubject("DELIVERED", id));
    assertThat(shop.order(id)).extracting("shipment").extracting("status").isEqualTo("DELIVERED");
    assertThat(shop.sandboxMessagesTo(jane.email())).as("SMTP mode: the sandbox stays empty").isEmpty();
  }

  @Test
  void pickupOrderFromShopifyGetsOneEmailPerForwardStatus() {
    Buyer sam = Buyer.shopify("Sam", "en");
    String id = ShopifyWebhooks.newId();
    String fulfillment = ShopifyWebhooks.newId();
    Instant now = clock.now();

    accepted(shopify.send("orders/create", shopify.orderCreated(id, sam, now)));
    mail.awaitSubject(sam.email(), "Your order " + id + " is confirmed");
    accepted(shopify.send("fulfillments/create", shopify.fulfillment(id, fulfillment, "confirmed", now)));
    assertThat(mail.awaitSubject(sam.email(), shippingSubject("SHIPPED", id)).text())
        .contains(shippingLine("SHIPPED", id));
    scan(id, fulfillment, "in_transit", now);
    assertThat(mail.awaitSubject(sam.email(), shippingSubject("IN_TRANSIT", id)).text())
        .contains(shippingLine("IN_TRANSIT", id));
    // A second scan of the same status is news to nobody.
    String again = scan(id, fulfillment, "carrier_picked_up", now);
    assertThat(shop.awaitProcessed(again).get("outcome").toString())
        .contains("no message for IN_TRANSIT: the order is already IN_TRANSIT");
    scan(id, fulfillment, "ready_for_pickup", now);
    assertThat(mail.awaitSubject(sam.email(), shippingSubject("READY_FOR_PICKUP", id)).text())
        .contains(shippingLine("READY_FOR_PICKUP", id));
    scan(id, fulfillment, "picked_up", now);
    mail.awaitSubject(sam.email(), shippingSubject("DELIVERED", id));

    assertThat(mail.subjectsTo(sam.email())).containsExactly(
        "Your order " + id + " is confirmed",
        shippingSubject("SHIPPED", id),
        shippingSubject("IN_TRANSIT", id),
        shippingSubject("READY_FOR_PICKUP", id),
        shippingSubject("DELIVERED", id));
    assertThat(mail.to(sam.email())).allSatisfy(m -> assertThat(m.language()).isEqualTo("en"));
  }

  @Test
  void aShipByDatePassingWithoutShipmentSendsOneDelayAlert() {
    Instant now = clock.now();
    Buyer lena = Buyer.named("Lena", "en");
    Buyer otto = Buyer.named("Otto", "en");
    Placed late = placeOrder(lena, now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(10)));
    Placed onTime = placeOrder(otto, now, now.plus(Duration.ofHours(1)), now.plus(Duration.ofDays(2)));
    mail.awaitSubject(lena.email(), "Your order " + late.orderId() + " is confirmed");
    report(onTime.orderId(), "SHIPPED");
    mail.awaitSubject(otto.email(), shippingSubject("SHIPPED", onTime.orderId()));

    clock.advance(Duration.ofHours(2));

    Mail alert = mail.awaitSubject(lena.email(), "Your order " + late.orderId() + " is taking longer to ship");
    assertThat(alert.language()).isEqualTo("en");
    assertThat(alert.text()).contains(
        "your order " + late.orderId() + " has not shipped by the date we promised");
    engine.awaitCompleted(late.journeyKey(), "ship_by_alert_sent");
    engine.awaitCompleted(onTime.journeyKey(), "shipped_in_time");
    assertThat(mail.subjectsTo(lena.email())).containsExactly(
        "Your order " + late.orderId() + " is confirmed",
        "Your order " + late.orderId() + " is taking longer to ship");
    assertThat(mail.subjectsTo(otto.email())).containsExactly(
        "Your order " + onTime.orderId() + " is confirmed", shippingSubject("SHIPPED", onTime.orderId()));
    assertThat(outbox.emailsOfOrder(onTime.orderId())).extracting(Row::template).doesNotContain("delay-alert");

    // Shipped in time, but not delivered by its promise: that is a delay too, told once.
    clock.moveTo(now.plus(Duration.ofDays(2)).plus(Duration.ofHours(1)));
    Mail runningLate = mail.awaitSubject(otto.email(), "Your order " + onTime.orderId() + " is running late");
    assertThat(runningLate.text()).contains("the delivery date we promised for your order " + onTime.orderId()
        + " has passed, and we have no delivery confirmation yet");
    engine.awaitCompleted(onTime.journeyKey(), "deliver_by_alert_sent");
    assertThat(mail.subjectsTo(otto.email())).hasSize(3);
    assertThat(mail.subjectsTo(lena.email())).hasSize(2);
  }

  @Test
  void carrierIssuesSendDelayAlertsAndTheJourneyGoesOn() {
    Buyer carla = Buyer.named("Carla", "en");
    String id = placeOrder(carla).orderId();
    mail.awaitSubject(carla.email(), "Your order " + id + " is confirmed");
    report(id, "SHIPPED");
    mail.awaitSubject(carla.email(), shippingSubject("SHIPPED", id));

    assertThat(shop.reportShipment(id, "FAILED_ATTEMPT", "scan-1").status()).isEqualTo(HttpStatus.ACCEPTED);
    // Without a new date, carrier news waits a minute in case a second report brings one.
    outbox.awaitSettling(id, 1);
    clock.advance(EngineClockApi.NEWS_SETTLE);
    Mail missed = mail.awaitSubject(carla.email(), "We missed you: delivery of your order " + id);
    assertThat(missed.text()).contains("The carrier tried to deliver your order " + id + " but could not.");
    Shop.Answer repeat = shop.reportShipment(id, "FAILED_ATTEMPT", "scan-1");
    assertThat(repeat.status()).isEqualTo(HttpStatus.OK);
    assertThat(repeat.body()).containsEntry("duplicate", true);
    assertThat(shop.reportShipment(id, "EXCEPTION", "scan-2").status()).isEqualTo(HttpStatus.ACCEPTED);
    outbox.awaitSettling(id, 1);
    clock.advance(EngineClockApi.NEWS_SETTLE);
    Mail problem = mail.awaitSubject(carla.email(), "A problem with the delivery of your order " + id);
    assertThat(problem.text()).contains("The carrier reported a problem with your order " + id + ".");
    assertThat(problem.listUnsubscribe()).as("transactional").isNull();
    report(id, "DELIVERED");
    mail.awaitSubject(carla.email(), shippingSubject("DELIVERED", id));
    String afterDelivery = shop.reportShipment(id, "DELAYED", "scan-3").inboxId();

    assertThat(shop.awaitProcessed(afterDelivery).get("outcome").toString())
        .contains("no message for DELAYED: the order was delivered");
    assertThat(mail.subjectsTo(carla.email())).containsExactly(
        "Your order " + id + " is confirmed",
        shippingSubject("SHIPPED", id),
        "We missed you: delivery of your order " + id,
        "A problem with the delivery of your order " + id,
        shippingSubject("DELIVERED", id));
  }

  @Test
  void cancellationMidJourneySendsANoticeAndNothingMore() {
    Buyer cora = Buyer.shopify("Cora", "en");
    String id = ShopifyWebhooks.newId();
    String fulfillment = ShopifyWebhooks.newId();
    Instant now = clock.now();
    accepted(shopify.send("orders/create", shopify.orderCreated(id, cora, now)));
    mail.awaitSubject(cora.email(), "Your order " + id + " is confirmed");
    accepted(shopify.send("fulfillments/create", shopify.fulfillment(id, fulfillment, "confirmed", now)));
    mail.awaitSubject(cora.email(), shippingSubject("SHIPPED", id));

    accepted(shopify.send("orders/cancelled", shopify.orderCancelled(id, cora, now)));

    Mail notice = mail.awaitSubject(cora.email(), "Your order " + id + " has been cancelled");
    // Facts only: no refund promised on the shop's behalf (off by default), nothing to buy.
    assertThat(notice.text()).contains("Your order " + id + " has been cancelled.")
        .doesNotContainIgnoringCase("refund").doesNotContain("You might also like");
    assertThat(notice.language()).isEqualTo("en");
    engine.awaitEnded(shop.awaitJourneyKey(id));
    // The carrier does not know yet, nor does the shop's other system.
    String delivered = scan(id, fulfillment, "delivered", now.plus(Duration.ofDays(2)));
    assertThat(shop.awaitProcessed(delivered).get("outcome").toString())
        .contains("no message: the order was cancelled");
    String viaApi = shop.reportShipment(id, "DELIVERED", "late-scan").inboxId();
    assertThat(shop.awaitProcessed(viaApi).get("outcome").toString()).contains("no message: the order was cancelled");
    assertThat(shop.awaitProcessed(shop.cancel(id, "again").inboxId()).get("outcome").toString())
        .startsWith("nothing: already cancelled");
    clock.advance(Duration.ofDays(30));
    String aMonthLater = scan(id, fulfillment, "delivered", now.plus(Duration.ofDays(31)));
    shop.awaitProcessed(aMonthLater);

    assertThat(mail.subjectsTo(cora.email())).containsExactly(
        "Your order " + id + " is confirmed",
        shippingSubject("SHIPPED", id),
        "Your order " + id + " has been cancelled");
    assertThat(outbox.emailsOfOrder(id)).extracting(Row::template)
        .containsExactly("order-confirmation", "shipping-update", "cancellation-notice");
  }

  @Test
  void duplicateAndReplayedWebhooksHaveOneEffect() {
    Buyer dana = Buyer.shopify("Dana", "en");
    String id = ShopifyWebhooks.newId();
    String fulfillment = ShopifyWebhooks.newId();
    Instant now = clock.now();
    Delivery created = Delivery.of("orders/create", shopify.orderCreated(id, dana, now));
    Answer first = accepted(shopify.send(created));
    // Shopify retries with the same webhook id; a replay comes under a new one, same body.
    assertThat(shopify.send(created).body()).containsEntry("duplicate", true)
        .containsEntry("inboxId", first.body().get("inboxId"));
    assertThat(shopify.send(created.withWebhookId(UUID.randomUUID().toString())).body())
        .containsEntry("duplicate", true).containsEntry("inboxId", first.body().get("inboxId"));
    mail.awaitSubject(dana.email(), "Your order " + id + " is confirmed");

    Delivery shipped = Delivery.of("fulfillments/create", shopify.fulfillment(id, fulfillment, "confirmed", now));
    accepted(shopify.send(shipped));
    assertThat(shopify.send(shipped).body()).containsEntry("duplicate", true);
    assertThat(shopify.send(new Delivery("fulfillments/update", shipped.body(), ShopifyWebhooks.SECRET,
        UUID.randomUUID().toString(), "2025-01", null, "application/json")).body())
        .containsEntry("duplicate", true);
    mail.awaitSubject(dana.email(), shippingSubject("SHIPPED", id));
    Delivery delivered = Delivery.of("fulfillment_events/create",
        shopify.fulfillmentEvent(id, fulfillment, ShopifyWebhooks.newId(), "delivered", now));
    accepted(shopify.send(delivered));
    assertThat(shopify.send(delivered.withWebhookId(UUID.randomUUID().toString())).body())
        .containsEntry("duplicate", true);
    mail.awaitSubject(dana.email(), shippingSubject("DELIVERED", id));

    assertThat(mail.subjectsTo(dana.email())).containsExactly(
        "Your order " + id + " is confirmed", shippingSubject("SHIPPED", id), shippingSubject("DELIVERED", id));
  }

  @Test
  void repeatedApiCallsHaveOneEffect() {
    Buyer dario = Buyer.named("Dario", "en");
    String id = newOrderId();
    Instant now = clock.now();
    Shop.Answer first = shop.placeOrder(id, dario, now, now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(7)));
    Shop.Answer repeat = shop.placeOrder(id, dario, now, now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(7)));
    assertThat(first.status()).isEqualTo(HttpStatus.CREATED);
    assertThat(repeat.status()).isEqualTo(HttpStatus.OK);
    assertThat(repeat.body().get("journeyKey")).isEqualTo(first.body().get("journeyKey"));
    mail.awaitSubject(dario.email(), "Your order " + id + " is confirmed");
    assertThat(shop.reportShipment(id, "SHIPPED", "evt-1").status()).isEqualTo(HttpStatus.ACCEPTED);
    Shop.Answer again = shop.reportShipment(id, "SHIPPED", "evt-1");
    assertThat(again.status()).isEqualTo(HttpStatus.OK);
    assertThat(again.body()).containsEntry("duplicate", true);
    mail.awaitSubject(dario.email(), shippingSubject("SHIPPED", id));
    report(id, "DELIVERED");
    mail.awaitSubject(dario.email(), shippingSubject("DELIVERED", id));

    assertThat(mail.subjectsTo(dario.email())).containsExactly(
        "Your order " + id + " is confirmed", shippingSubject("SHIPPED", id), shippingSubject("DELIVERED", id));
  }

  @Test
  void aStatusArrivingOutOfOrderSendsNoBackwardsMessage() {
    Buyer olga = Buyer.named("Olga", "en");
    String id = placeOrder(olga).orderId();
    mail.awaitSubject(olga.email(), "Your order " + id + " is confirmed");
    report(id, "DELIVERED");
    mail.awaitSubject(olga.email(), shippingSubject("DELIVERED", id));

    String inTransit = shop.reportShipment(id, "IN_TRANSIT", "late-1").inboxId();
    String shipped = shop.reportShipment(id, "SHIPPED", "late-2").inboxId();

    assertThat(shop.awaitProcessed(inTransit).get("outcome").toString())
        .contains("no message for IN_TRANSIT: the order is already DELIVERED");
    assertThat(shop.awaitProcessed(shipped).get("outcome").toString())
        .contains("no message for SHIPPED: the order is already DELIVERED");
    assertThat(shop.order(id)).extracting("shipment").extracting("status").isEqualTo("DELIVERED");
    assertThat(mail.subjectsTo(olga.email())).containsExactly(
        "Your order " + id + " is confirmed", shippingSubject("DELIVERED", id));
  }

  @Test
  void aLowRatingOpensASupportTicketAndSendsAFollowUp() {
    Buyer lou = Buyer.named("Lou", "en");
    Placed order = placeOrder(lou);
    String id = order.orderId();
    Mail request = deliverAndAskForFeedback(lou, order);

    var page = browser.rate(request.ratingLinks().get(1));

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<strong class=\"rating\">2</strong>");
    Map<String, Object> ticket = await("a support ticket for order " + id).atMost(Mailbox.WAIT)
        .until(() -> shop.tickets().stream().filter(t -> id.equals(t.get("orderId"))).toList(), t -> !t.isEmpty())
        .get(0);
    assertThat(ticket).containsEntry("rating", 2).containsEntry("customerId", lou.customerId());
    Mail followUp = mail.awaitSubject(lou.email(), "We are sorry about your order " + id);
    assertThat(followUp.text()).contains("Thank you for rating your order " + id + " 2 out of 5.");
    assertThat(followUp.language()).isEqualTo("en");
    engine.awaitEnded(order.journeyKey());
    assertThat(shop.tickets()).filteredOn(t -> id.equals(t.get("orderId"))).hasSize(1);
    assertThat(mail.subjectsTo(lou.email())).containsExactly(
        "Your order " + id + " is confirmed",
        shippingSubject("DELIVERED", id),
        "How was your order " + id + "?",
        "We are sorry about your order " + id);
  }

  @Test
  void aHighRatingInvitesToShareAPhoto() {
    Buyer hana = Buyer.named("Hana", "en");
    Placed order = placeOrder(hana);
    String id = order.orderId();
    Mail request = deliverAndAskForFeedback(hana, order);

    assertThat(browser.rate(request.ratingLinks().get(4)).getBody()).contains("<strong class=\"rating\">5</strong>");

    Mail invitation = mail.awaitSubject(hana.email(), "Share a photo of your order " + id + "?");
    assertThat(invitation.text())
        .contains("Thank you for rating your order " + id + " 5 out of 5.")
        .contains("https://shop.example.com/orders/" + id + "/review");
    assertThat(invitation.listUnsubscribe()).as("marketing").isNotNull();
    engine.awaitAt(order.journeyKey(), "rating_may_change");
    // Opening another rating link records nothing: only its confirm button would.
    assertThat(browser.open(request.ratingLinks().get(0)).getBody()).contains("You rated this order <strong>5</strong>");
    assertThat(shop.tickets()).noneMatch(t -> id.equals(t.get("orderId")));
    assertThat(mail.subjectsTo(hana.email())).containsExactly(
        "Your order " + id + " is confirmed",
        shippingSubject("DELIVERED", id),
        "How was your order " + id + "?",
        "Share a photo of your order " + id + "?");
  }

  @Test
  void aFirstTimeCustomerWithConsentIsThankedAfterOneYear() {
    Buyer yara = Buyer.named("Yara", "en");
    Instant placedAt = clock.now();
    Placed order = placeOrder(yara, placedAt, placedAt.plus(Duration.ofDays(3)), placedAt.plus(Duration.ofDays(7)));
    mail.awaitSubject(yara.email(), "Your order " + order.orderId() + " is confirmed");
    report(order.orderId(), "DELIVERED");
    mail.awaitSubject(yara.email(), shippingSubject("DELIVERED", order.orderId()));
    engine.awaitAt(order.journeyKey(), "one_day_after_delivery");
    awaitFirstOrderRecorded(yara);
    Instant anniversary = placedAt.atZone(ZoneOffset.UTC).plusYears(1).toInstant();

    clock.moveTo(anniversary.minus(Duration.ofDays(1)));
    mail.awaitSubject(yara.email(), "How was your order " + order.orderId() + "?");
    awaitDuring("no thank-you a day early", Duration.ofMillis(500))
        .until(() -> !mail.subjectsTo(yara.email()).contains("Thank you for a year with us"));
    clock.moveTo(anniversary);

    Mail thanks = mail.awaitSubject(yara.email(), "Thank you for a year with us");
    assertThat(thanks.language()).isEqualTo("en");
    assertThat(thanks.text()).contains("Hello Yara Tester", "A year ago you placed your first order with us.");
    assertThat(thanks.listUnsubscribe()).as("marketing").isNotNull();
    assertThat(outbox.emailsOfCustomer(yara.customerId()))
        .containsExactly(new Row("anniversary-thank-you", "email", "SENT", null));
  }

  @Test
  void withoutConsentMarketingIsSkippedAndTransactionalStillSent() {
    Buyer nora = Buyer.named("Nora", "en").withoutConsent();
    Buyer uma = Buyer.named("Uma", "en");
    // The shop's clock runs a minute fast (as this class's engine clock runs ahead of the app's):
    // Uma's one-click unsubscribe must still win over the consent she gave at checkout.
    Instant placedAt = latest(clock.now(), Instant.now()).plus(Duration.ofMinutes(1));
    Placed noraOrder = placeOrder(nora, placedAt, placedAt.plus(Duration.ofDays(3)), placedAt.plus(Duration.ofDays(7)));
    Placed umaOrder = placeOrder(uma, placedAt, placedAt.plus(Duration.ofDays(3)), placedAt.plus(Duration.ofDays(7)));
    for (var buyerAndOrder : List.of(Map.entry(nora, noraOrder), Map.entry(uma, umaOrder))) {
      String id = buyerAndOrder.getValue().orderId();
      mail.awaitSubject(buyerAndOrder.getKey().email(), "Your order " + id + " is confirmed");
      report(id, "DELIVERED");
      mail.awaitSubject(buyerAndOrder.getKey().email(), shippingSubject("DELIVERED", id));
      engine.awaitAt(buyerAndOrder.getValue().journeyKey(), "one_day_after_delivery");
    }

    clock.advance(Duration.ofHours(24));

    Mail request = mail.awaitSubject(uma.email(), "How was your order " + umaOrder.orderId() + "?");
    awaitOutboxOfOrder(noraOrder.orderId(), new Row("feedback-request", "email", "SKIPPED", "no-consent"));
    // Uma unsubscribes with one click, then rates her order anyway.
    assertThat(browser.oneClickUnsubscribe(request.oneClickUnsubscribe()).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(browser.rate(request.ratingLinks().get(4)).getStatusCode()).isEqualTo(HttpStatus.OK);
    awaitOutboxOfOrder(umaOrder.orderId(), new Row("photo-invitation", "email", "SKIPPED", "no-consent"));
    engine.awaitAt(umaOrder.journeyKey(), "rating_may_change");
    awaitFirstOrderRecorded(nora);
    awaitFirstOrderRecorded(uma);
    clock.moveTo(placedAt.atZone(ZoneOffset.UTC).plusYears(1).toInstant().plus(Duration.ofMinutes(1)));

    for (Buyer buyer : List.of(nora, uma)) {
      await("the thank-you of " + buyer.customerId() + " settled").atMost(Mailbox.WAIT)
          .until(() -> outbox.emailsOfCustomer(buyer.customerId()),
              rows -> rows.contains(new Row("anniversary-thank-you", "email", "SKIPPED", "no-consent")));
    }
    assertThat(mail.subjectsTo(nora.email())).containsExactly(
        "Your order " + noraOrder.orderId() + " is confirmed", shippingSubject("DELIVERED", noraOrder.orderId()));
    assertThat(mail.subjectsTo(uma.email())).containsExactly(
        "Your order " + umaOrder.orderId() + " is confirmed",
        shippingSubject("DELIVERED", umaOrder.orderId()),
        "How was your order " + umaOrder.orderId() + "?");
  }

  @Test
  void aZhCnCustomerGetsZhCnMail() {
    Buyer mei = Buyer.shopify("Mei", "zh-CN");
    String id = ShopifyWebhooks.newId();
    String fulfillment = ShopifyWebhooks.newId();
    Instant now = clock.now();
    accepted(shopify.send("orders/create", shopify.orderCreated(id, mei, now)));
    Mail confirmation = mail.awaitSubject(mei.email(), "您的订单 " + id + " 已确认");
    assertThat(confirmation.text()).contains("感谢您的订购！您的订单 " + id + " 包含以下商品：", "Stoneware mug - Indigo");
    String consent = accepted(shopify.send(
        "customers_email_marketing_consent/update", shopify.emailConsent(mei, true, now))).body().get("inboxId").toString();
    assertThat(shop.awaitProcessed(consent).get("outcome").toString()).startsWith("granted EMAIL consent");
    accepted(shopify.send("fulfillments/create", shopify.fulfillment(id, fulfillment, "confirmed", now)));
    assertThat(mail.awaitSubject(mei.email(), "您的订单 " + id + " 已发货").text())
        .contains("好消息：您的订单 " + id + " 已从仓库发出");
    scan(id, fulfillment, "attempted_delivery", now);
    assertThat(mail.awaitSubject(mei.email(), "您的订单 " + id + " 派送未成功").text())
        .contains("承运商尝试派送您的订单 " + id + " 但未成功");
    scan(id, fulfillment, "delivered", now);
    assertThat(mail.awaitSubject(mei.email(), "您的订单 " + id + " 已签收").text())
        .contains("您的订单 " + id + " 已签收，希望您喜欢！");
    engine.awaitAt(shop.awaitJourneyKey(id), "one_day_after_delivery");
    clock.advance(Duration.ofHours(24));

    Mail request = mail.awaitSubject(mei.email(), "您对订单 " + id + " 满意吗？");
    assertThat(request.text()).contains("只需点击一下即可评分");
    assertThat(request.ratingLinks()).hasSize(5);
    browser.rate(request.ratingLinks().get(3));

    Mail invitation = mail.awaitSubject(mei.email(), "愿意分享订单 " + id + " 的照片吗？");
    assertThat(invitation.text()).contains("感谢您为订单 " + id + " 评分（4 分，满分 5 分）");
    assertThat(mail.to(mei.email())).hasSize(6).allSatisfy(m -> assertThat(m.language()).isEqualTo("zh-CN"));
  }

  @Test
  void badWebhooksAreRefusedAndUnknownTopicsParked() {
    Buyer eve = Buyer.shopify("Eve", "en");
    String id = ShopifyWebhooks.newId();
    String order = shopify.orderCreated(id, eve, clock.now());

    Answer forged = shopify.send(Delivery.of("orders/create", order).signedWith("shpss_not_the_secret"));
    Answer unsigned = shopify.send(Delivery.of("orders/create", order).withHmac(null));
    Answer malformed = shopify.send("orders/create", "{\"id\": " + id + ", \"line_items\": [");
    Answer oversized = shopify.send("orders/create",
        order.replace("\"note\": null", "\"note\": \"" + "x".repeat(1024 * 1024) + "\""));
    Answer unknown = shopify.send("products/update", shopify.productUpdated());

    assertThat(forged.status()).isEqualTo(401);
    assertThat(unsigned.status()).isEqualTo(401);
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body().get("error").toString()).startsWith("Malformed JSON at line 1");
    assertThat(oversized.status()).isEqualTo(413);
    assertThat(unknown.status()).isEqualTo(200);
    Map<String, Object> parked = await("the unknown topic parked").atMost(Mailbox.WAIT)
        .until(() -> shop.inbox("parked").stream()
            .filter(e -> e.get("id").equals(unknown.body().get("inboxId"))).findFirst(), java.util.Optional::isPresent)
        .orElseThrow();
    assertThat(parked).containsEntry("topic", "products/update").containsEntry("parkCode", "UNKNOWN_TOPIC");
    assertThat(shop.inboxWithKeyPrefix("shopify:orders/create:" + id)).isEmpty();
    assertThat(mail.to(eve.email())).isEmpty();
  }

  // --- steps -------------------------------------------------------------------------------

  /** An order placed now (engine time), promised to ship within 3 and arrive within 7 days. */
  private Placed placeOrder(Buyer buyer) {
    Instant now = clock.now();
    return placeOrder(buyer, now, now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(7)));
  }

  private Placed placeOrder(Buyer buyer, Instant placedAt, Instant shipBy, Instant deliverBy) {
    String id = newOrderId();
    Shop.Answer answer = shop.placeOrder(id, buyer, placedAt, shipBy, deliverBy);
    assertThat(answer.status()).as("POST /api/orders: %s", answer.body()).isEqualTo(HttpStatus.CREATED);
    return new Placed(id, Long.parseLong((String) answer.body().get("journeyKey")));
  }

  private void report(String orderId, String status) {
    Shop.Answer answer = shop.reportShipment(orderId, status, status.toLowerCase() + "-" + UUID.randomUUID());
    assertThat(answer.status()).as("shipment %s: %s", status, answer.body()).isEqualTo(HttpStatus.ACCEPTED);
  }

  /** A Shopify carrier scan of the order's fulfillment; returns its inbox id. */
  private String scan(String orderId, String fulfillmentId, String status, Instant at) {
    return accepted(shopify.send("fulfillment_events/create",
        shopify.fulfillmentEvent(orderId, fulfillmentId, ShopifyWebhooks.newId(), status, at)))
        .body().get("inboxId").toString();
  }

  private static Answer accepted(Answer answer) {
    assertThat(answer.status()).as("webhook answer %s", answer.body()).isEqualTo(200);
    assertThat(answer.body()).containsEntry("duplicate", false);
    return answer;
  }

  /** Delivers the order, lets a day pass on the engine clock, and returns the feedback request. */
  private Mail deliverAndAskForFeedback(Buyer buyer, Placed order) {
    String id = order.orderId();
    mail.awaitSubject(buyer.email(), "Your order " + id + " is confirmed");
    report(id, "DELIVERED");
    mail.awaitSubject(buyer.email(), shippingSubject("DELIVERED", id));
    // The day is counted from when the journey starts waiting, not from the email.
    engine.awaitAt(order.journeyKey(), "one_day_after_delivery");
    clock.advance(Duration.ofHours(24));
    Mail request = mail.awaitSubject(buyer.email(), "How was your order " + id + "?");
    assertThat(request.language()).isEqualTo(buyer.locale());
    assertThat(request.text()).contains("Your order " + id + " arrived recently. How did we do?");
    assertThat(request.listUnsubscribe()).as("marketing").isNotNull();
    assertThat(request.ratingLinks()).hasSize(5);
    return request;
  }

  private void awaitFirstOrderRecorded(Buyer buyer) {
    await("first-order-placed of " + buyer.customerId()).atMost(Mailbox.WAIT)
        .until(() -> shop.inboxWithKeyPrefix("journeys:first-order:" + buyer.customerId()),
            events -> events.size() == 1 && "DONE".equals(events.get(0).get("state")));
  }

  private void awaitOutboxOfOrder(String orderId, Row expected) {
    await("outbox of order " + orderId + " has " + expected).atMost(Mailbox.WAIT)
        .until(() -> outbox.emailsOfOrder(orderId), rows -> rows.contains(expected));
  }

  private static Instant latest(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String newOrderId() {
    return "S-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String shippingSubject(String status, String orderId) {
    return "Your order " + orderId + switch (status) {
      case "SHIPPED" -> " has shipped";
      case "IN_TRANSIT" -> " is on its way";
      case "OUT_FOR_DELIVERY" -> " is out for delivery";
      case "READY_FOR_PICKUP" -> " is ready for pickup";
      case "DELIVERED" -> " has been delivered";
      default -> throw new IllegalArgumentException(status);
    };
  }

  /** The sentence of the body that says what happened. */
  private static String shippingLine(String status, String orderId) {
    return switch (status) {
      case "SHIPPED" -> "Good news: your order " + orderId + " has left our warehouse.";
      case "IN_TRANSIT" -> "Your order " + orderId + " is on its way with the carrier.";
      case "OUT_FOR_DELIVERY" -> "Your order " + orderId + " is out for delivery and should reach you today.";
      case "READY_FOR_PICKUP" -> "Your order " + orderId + " is waiting for you at the pickup point.";
      case "DELIVERED" -> "Your order " + orderId + " has been delivered. We hope you enjoy it!";
      default -> throw new IllegalArgumentException(status);
    };
  }
}
