package dev.journeys.scenarios;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.orders.ShopClient;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.scenarios.Mailbox.Mail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * One honest, useful message per piece of shipping news (issue 18), through the whole app: Shopify
 * webhooks and the JSON API in, what GreenMail received out, in en and zh-CN. The carrier's tracking
 * link, carrier and number; a pickup notice naming the place; the same news through two topics, or
 * four webhooks at once, told once (and the skip recorded as same-news); a delay alert with the new
 * date or saying there is none; a delivered message saying when.
 */
@JourneysAppTest
@SharedSmtp.Uses
@TestPropertySource(properties = {
  "journeys.engine.clock=controlled",
  "journeys.shopify.webhook-secrets=" + ShopifyWebhooks.SECRET
})
class ShippingNewsScenarioTest {

  private static final String DHL_URL = "https://www.dhl.com/de-en/home/tracking.html?tracking-id=JD014600006281230704";
  private static final String SHOP_PAGE = "https://shop.example.com/orders/%s/tracking";
  private static final ObjectMapper JSON = new ObjectMapper();


  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private Shop shop;
  private ShopClient api;
  private Shopify shopify;
  private Mailbox mail;
  private EngineClockApi clock;

  @BeforeEach
  void connect() {
    shop = new Shop(port);
    api = new ShopClient(port);
    shopify = new Shopify(port);
    mail = new Mailbox(SharedSmtp.server());
    clock = new EngineClockApi(port);
  }

  @Test
  void shopifyShippingEmailsNameTheCarrierAndLinkItsTrackingInBothLocales() {
    Buyer ada = Buyer.shopify("Ada", "en");
    Buyer li = Buyer.shopify("Li", "zh-CN");
    String adaOrder = shopifyOrder(ada);
    String liOrder = shopifyOrder(li);
    Mail confirmation = mail.awaitSubject(ada.email(), "Your order " + adaOrder + " is confirmed");
    assertThat(confirmation.text()).as("no carrier yet: the shop's page").contains(SHOP_PAGE.formatted(adaOrder));

    fulfillment("fulfillments/create", adaOrder, "confirmed", clock.now());
    fulfillment("fulfillments/create", liOrder, "confirmed", clock.now());

    Mail shipped = mail.awaitSubject(ada.email(), "Your order " + adaOrder + " has shipped");
    assertThat(shipped.text())
        .contains("Carrier: DHL Express", "Tracking number: JD014600006281230704", "Track your order: " + DHL_URL)
        .doesNotContain(SHOP_PAGE.formatted(adaOrder));
    assertThat(shipped.html()).contains("href=\"" + DHL_URL.replace("&", "&amp;") + "\"", "DHL Express");
    Mail fahuo = mail.awaitSubject(li.email(), "您的订单 " + liOrder + " 已发货");
    assertThat(fahuo.language()).isEqualTo("zh-CN");
    assertThat(fahuo.text())
        .contains("承运商：DHL Express", "运单号：JD014600006281230704", "查看物流：" + DHL_URL)
        .doesNotContain(SHOP_PAGE.formatted(liOrder));
  }

  @Test
  void theJsonApiLinksTheCarriersTrackingWhenGivenAndTheShopsPageWhenNot() {
    Buyer grace = Buyer.named("Grace", "en");
    Buyer hopper = Buyer.named("Hopper", "en");
    String withLink = apiOrder(grace);
    String withoutLink = apiOrder(hopper);

    report(withLink, Map.of("status", "SHIPPED", "carrier", "UPS", "trackingNumber", "1Z999AA10123456784",
        "trackingUrl", "https://www.ups.com/track?tracknum=1Z999AA10123456784"));
    report(withoutLink, Map.of("status", "SHIPPED", "carrier", "Hermes"));

    assertThat(mail.awaitSubject(grace.email(), "Your order " + withLink + " has shipped").text())
        .contains("Carrier: UPS", "Tracking number: 1Z999AA10123456784",
            "Track your order: https://www.ups.com/track?tracknum=1Z999AA10123456784")
        .doesNotContain(SHOP_PAGE.formatted(withLink));
    assertThat(mail.awaitSubject(hopper.email(), "Your order " + withoutLink + " has shipped").text())
        .contains("Carrier: Hermes", "Track your order: " + SHOP_PAGE.formatted(withoutLink))
        .doesNotContain("Tracking number:");
  }

  @Test
  void readyForPickupNamesThePlaceAndUntilWhenItIsHeldOncePerPlace() {
    Buyer li = Buyer.shopify("Jing", "zh-CN");
    String order = shopifyOrder(li);
    fulfillment("fulfillments/create", order, "in_transit", clock.now());
    mail.awaitSubject(li.email(), "您的订单 " + order + " 正在运输途中");

    shopify(shopifyEvent(order, "ready_for_pickup", "message", "DHL Packstation 152",
        "address1", "Schönhauser Allee 10", "zip", "10435", "city", "Berlin", "estimated_delivery_at", null));
    Mail pickup = mail.awaitSubject(li.email(), "您的订单 " + order + " 已到达自提点");
    assertThat(pickup.text()).contains("自提点：DHL Packstation 152, Schönhauser Allee 10, 10435 Berlin");
    // The same news through the other topic, without the place: nothing new, nothing sent.
    Map<String, Object> again = shop.awaitProcessed(
        fulfillment("fulfillments/update", order, "ready_for_pickup", clock.now().plusSeconds(60)));
    assertThat(again.get("outcome").toString()).contains("no message for READY_FOR_PICKUP");

    Buyer ada = Buyer.named("Ada", "en");
    String apiOrder = apiOrder(ada);
    report(apiOrder, Map.of("status", "READY_FOR_PICKUP", "pickupPlace", "Post office, 5 Market Street",
        "pickupUntil", "2030-03-24"));
    Mail notice = mail.awaitSubject(ada.email(), "Your order " + apiOrder + " is ready for pickup");
    assertThat(notice.text()).contains("Pickup place: Post office, 5 Market Street", "Held for you until: March 24, 2030");
    assertThat(notice.html()).contains("Post office, 5 Market Street", "March 24, 2030");
    // Moved to another place: that is news, told once more.
    report(apiOrder, Map.of("status", "READY_FOR_PICKUP", "pickupPlace", "Locker 7, Station Road",
        "pickupUntil", "2030-03-26"));
    await().atMost(Mailbox.WAIT).until(() -> mail.subjectsTo(ada.email()).stream()
        .filter(s -> s.endsWith("is ready for pickup")).count() == 2);
    assertThat(mail.to(ada.email()).getLast().text())
        .contains("Pickup place: Locker 7, Station Road", "Held for you until: March 26, 2030");
  }

  @Test
  void carrierNewsThroughBothTopicsIsToldOnceAndANewDateIsToldAgain() {
    Buyer ada = Buyer.shopify("Lovelace", "en");
    String order = shopifyOrder(ada);
    fulfillment("fulfillments/create", order, "confirmed", clock.now());
    mail.awaitSubject(ada.email(), "Your order " + order + " has shipped");
    String delayed = "Delivery of your order " + order + " is delayed";

    shopify(shopifyEvent(order, "delayed", "estimated_delivery_at", null));
    // No date yet: the message waits a minute in case the same news comes again with one.
    new OutboxView(jdbc).awaitSettling(order, 1);
    clock.advance(EngineClockApi.NEWS_SETTLE);
    assertThat(mail.awaitSubject(ada.email(), delayed).text())
        .contains("The carrier reported a delay", "There is no new delivery date yet")
        .doesNotContain("date we promised", "Estimated delivery");
    fulfillment("fulfillments/update", order, "delayed", clock.now().plusSeconds(60));
    awaitSameNewsSkips(order, 1);

    shopify(shopifyEvent(order, "delayed", "estimated_delivery_at", "2030-03-20T18:00:00+01:00"));
    await().atMost(Mailbox.WAIT).until(() -> mail.subjectsTo(ada.email()).stream().filter(delayed::equals).count() == 2);
    assertThat(mail.to(ada.email()).getLast().text())
        .contains("New expected delivery: March 20, 2030").doesNotContain("no new delivery date");
    fulfillment("fulfillments/update", order, "delayed", clock.now().plusSeconds(120));
    awaitSameNewsSkips(order, 2);

    shopify(shopifyEvent(order, "delivered", "estimated_delivery_at", null, "happened_at", "2030-03-20T11:48:00+01:00"));
    Mail delivered = mail.awaitSubject(ada.email(), "Your order " + order + " has been delivered");
    assertThat(delivered.text()).contains("Delivered: March 20, 2030").doesNotContain("Estimated delivery");
    assertThat(mail.subjectsTo(ada.email())).containsExactly(
        "Your order " + order + " is confirmed", "Your order " + order + " has shipped", delayed, delayed,
        "Your order " + order + " has been delivered");
  }

  @Test
  void anUpdateWithoutTheDateThatCameFirstGivesWayToTheEventWithIt() {
    Buyer ada = Buyer.shopify("Babbage", "en");
    String order = shopifyOrder(ada);
    fulfillment("fulfillments/create", order, "confirmed", clock.now());
    mail.awaitSubject(ada.email(), "Your order " + order + " has shipped");
    String delayed = "Delivery of your order " + order + " is delayed";

    // Shopify's two topics for one scan, the one without the carrier's date first.
    fulfillment("fulfillments/update", order, "delayed", clock.now().plusSeconds(1));
    new OutboxView(jdbc).awaitSettling(order, 1);
    shopify(shopifyEvent(order, "delayed", "estimated_delivery_at", "2030-03-22T18:00:00+01:00"));
    assertThat(mail.awaitSubject(ada.email(), delayed).text())
        .contains("New expected delivery: March 22, 2030").doesNotContain("no new delivery date");

    clock.advance(EngineClockApi.NEWS_SETTLE);
    await().atMost(Mailbox.WAIT).until(() -> outbox(order, "delay-alert"),
        rows -> rows.containsAll(List.of("SENT null", "SKIPPED superseded-news")));
    awaitDuring(Duration.ofSeconds(1))
        .until(() -> mail.subjectsTo(ada.email()).stream().filter(delayed::equals).count() == 1);
  }

  @Test
  void aNewDateInChineseAndNoneYet() {
    Buyer li = Buyer.shopify("Wei", "zh-CN");
    String order = shopifyOrder(li);
    fulfillment("fulfillments/create", order, "confirmed", clock.now());
    mail.awaitSubject(li.email(), "您的订单 " + order + " 已发货");

    shopify(shopifyEvent(order, "attempted_delivery", "estimated_delivery_at", null));
    new OutboxView(jdbc).awaitSettling(order, 1);
    clock.advance(EngineClockApi.NEWS_SETTLE);
    assertThat(mail.awaitSubject(li.email(), "您的订单 " + order + " 派送未成功").text())
        .contains("目前还没有新的送达日期");
    shopify(shopifyEvent(order, "delayed", "estimated_delivery_at", "2030-03-20T18:00:00+08:00"));
    assertThat(mail.awaitSubject(li.email(), "您的订单 " + order + " 配送延迟").text())
        .contains("新的预计送达日期：2030年3月20日");
  }

  @Test
  void fourWebhooksWithTheSameNewsAtOnceSendOneMessage() throws Exception {
    Buyer ada = Buyer.shopify("Byron", "en");
    String order = shopifyOrder(ada);
    fulfillment("fulfillments/create", order, "confirmed", clock.now());
    mail.awaitSubject(ada.email(), "Your order " + order + " has shipped");

    // The carrier's scan twice (two event ids) and Shopify's fulfillment update twice, all at once.
    Instant now = clock.now();
    List<ShopifyWebhooks.Delivery> deliveries = List.of(
        ShopifyWebhooks.Delivery.of("fulfillment_events/create", shopifyEvent(order, "attempted_delivery", "estimated_delivery_at", null)),
        ShopifyWebhooks.Delivery.of("fulfillment_events/create", shopifyEvent(order, "attempted_delivery", "estimated_delivery_at", null)),
        ShopifyWebhooks.Delivery.of("fulfillments/update", shopify.fulfillment(order, fulfillmentOf(order), "attempted_delivery", now.plusSeconds(1))),
        ShopifyWebhooks.Delivery.of("fulfillments/update", shopify.fulfillment(order, fulfillmentOf(order), "attempted_delivery", now.plusSeconds(2))));
    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<ShopifyWebhooks.Answer>> sent = deliveries.stream()
        .map(d -> CompletableFuture.supplyAsync(() -> {
          awaitLatch(start);
          return shopify.send(d);
        }))
        .toList();
    start.countDown();
    for (CompletableFuture<ShopifyWebhooks.Answer> answer : sent) {
      assertThat(answer.get().status()).isEqualTo(200);
    }
    new OutboxView(jdbc).awaitSettling(order, 4);
    clock.advance(EngineClockApi.NEWS_SETTLE);

    awaitSameNewsSkips(order, 3);
    assertThat(outbox(order, "delay-alert")).as("sent once, after it waited for the news to settle")
        .containsExactlyInAnyOrder("SENT news-settling", "SKIPPED same-news", "SKIPPED same-news", "SKIPPED same-news");
    assertThat(mail.subjectsTo(ada.email())).containsExactly(
        "Your order " + order + " is confirmed", "Your order " + order + " has shipped",
        "We missed you: delivery of your order " + order);
  }

  @Test
  void theConfirmationNamesTheDeliveryDateTheShopPromisedInTheCustomersCalendar() {
    Buyer ada = Buyer.named("Promise", "en");
    Buyer li = Buyer.named("Nuo", "zh-CN");
    // 23:30 UTC on the 14th is the 15th for a customer in Shanghai, and the 14th in UTC.
    java.time.LocalDate day = java.time.LocalDate.ofInstant(clock.now(), java.time.ZoneOffset.UTC).plusDays(40);
    Instant promised = day.atTime(23, 30).toInstant(java.time.ZoneOffset.UTC);
    String adaOrder = apiOrderWithoutEstimate(ada, Map.of("promisedDeliverBy", promised.toString()));
    String liOrder = apiOrderWithoutEstimate(li, Map.of("promisedDeliverBy", promised.toString(), "timeZone", "Asia/Shanghai"));

    Mail en = mail.awaitSubject(ada.email(), "Your order " + adaOrder + " is confirmed");
    String enDay = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
        .withLocale(java.util.Locale.ENGLISH).format(day);
    assertThat(en.text()).contains("Delivery by: " + enDay).doesNotContain("Estimated delivery");
    assertThat(en.html()).contains("Delivery by: <strong>" + enDay + "</strong>");
    Mail zh = mail.awaitSubject(li.email(), "您的订单 " + liOrder + " 已确认");
    assertThat(zh.text()).contains("承诺送达日期：" + day.plusDays(1).getYear() + "年"
        + day.plusDays(1).getMonthValue() + "月" + day.plusDays(1).getDayOfMonth() + "日");
  }

  @Test
  void datesJourneysAssumedAreExpectedNotPromised() {
    Buyer ada = Buyer.named("Expect", "en");
    Buyer li = Buyer.named("Yuji", "zh-CN");
    String adaOrder = apiOrderWithoutPromises(ada);
    String liOrder = apiOrderWithoutPromises(li);
    assertThat(mail.awaitSubject(li.email(), "您的订单 " + liOrder + " 已确认").text())
        .as("no promise to name: the shop sent no date").doesNotContain("承诺");
    assertThat(mail.awaitSubject(ada.email(), "Your order " + adaOrder + " is confirmed").text())
        .doesNotContain("Delivery by");

    // Past default-ship-within (3 days): the date was Journeys' assumption, not the shop's promise.
    clock.advance(Duration.ofDays(3).plusHours(1));

    assertThat(mail.awaitSubject(ada.email(), "Your order " + adaOrder + " is taking longer to ship").text())
        .contains("has not shipped by the date we expected").doesNotContain("promised");
    assertThat(mail.awaitSubject(li.email(), "您的订单 " + liOrder + " 发货延迟").text())
        .contains("未能在预计日期前发货").doesNotContain("承诺");
  }

  // --- the shop's side ---------------------------------------------------------------------------

  private final Map<String, String> fulfillments = new LinkedHashMap<>();

  private String shopifyOrder(Buyer buyer) {
    String id = ShopifyWebhooks.newId();
    fulfillments.put(id, ShopifyWebhooks.newId());
    assertThat(shopify.send("orders/create", shopify.orderCreated(id, buyer, clock.now())).status()).isEqualTo(200);
    return id;
  }

  private String fulfillmentOf(String order) {
    return fulfillments.get(order);
  }

  /** fulfillments/create or /update with this shipment status; returns the inbox id. */
  private String fulfillment(String topic, String order, String status, Instant updatedAt) {
    ShopifyWebhooks.Answer answer = shopify.send(topic, shopify.fulfillment(order, fulfillmentOf(order), status, updatedAt));
    assertThat(answer.status()).isEqualTo(200);
    return String.valueOf(answer.body().get("inboxId"));
  }

  /** A fulfillment_events/create body with a new event id; then field, value pairs (null: JSON null). */
  private String shopifyEvent(String order, String status, Object... fields) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(shopify.fulfillmentEvent(
          order, fulfillmentOf(order), ShopifyWebhooks.newId(), status, clock.now()));
      for (int i = 0; i < fields.length; i += 2) {
        body.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
      }
      return body.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void shopify(String event) {
    assertThat(shopify.send("fulfillment_events/create", event).status()).isEqualTo(200);
  }

  private String apiOrder(Buyer buyer) {
    String id = "N-" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = clock.now();
    shop.placeOrder(id, buyer, now, now.plus(Duration.ofDays(30)), now.plus(Duration.ofDays(40)));
    mail.awaitSubject(buyer.email(), "Your order " + id + " is confirmed");
    return id;
  }

  /** POST /api/orders without promisedShipBy and promisedDeliverBy: Journeys assumes them. */
  private String apiOrderWithoutPromises(Buyer buyer) {
    return apiOrderWithoutEstimate(buyer, Map.of());
  }

  /** POST /api/orders without the carrier's estimate; the other fields given ("timeZone": the customer's). */
  private String apiOrderWithoutEstimate(Buyer buyer, Map<String, Object> fields) {
    String id = "X-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> order = new LinkedHashMap<>(fields);
    order.put("orderId", id);
    Map<String, Object> customer = new LinkedHashMap<>(Map.of("id", buyer.customerId(), "email", buyer.email(), "name", buyer.name()));
    Object zone = order.remove("timeZone");
    if (zone != null) {
      customer.put("timeZone", zone);
    }
    order.put("customer", customer);
    order.put("items", List.of(Map.of("sku", "MUG-01", "name", "Blue mug", "quantity", 1, "unitPrice", 12.50)));
    order.put("total", 12.50);
    order.put("currency", "EUR");
    order.put("locale", buyer.locale());
    order.put("placedAt", clock.now().toString());
    assertThat(api.postOrder(Shop.json(order)).getStatusCode().is2xxSuccessful()).isTrue();
    return id;
  }

  private void report(String order, Map<String, Object> body) {
    Map<String, Object> withId = new LinkedHashMap<>(body);
    withId.put("eventId", "e-" + UUID.randomUUID());
    assertThat(api.post("/api/orders/" + order + "/shipments", Shop.json(withId)).getStatusCode().value()).isEqualTo(202);
  }

  // --- what was recorded ---------------------------------------------------------------------------

  private List<String> outbox(String order, String template) {
    return jdbc.sql("SELECT status, reason FROM outbox WHERE order_id = ? AND template = ? AND channel = 'email'")
        .params(order, template)
        .query((rs, n) -> rs.getString(1) + " " + rs.getString(2))
        .list();
  }

  private void awaitSameNewsSkips(String order, int count) {
    await("%d same-news skips for order %s".formatted(count, order)).atMost(Mailbox.WAIT).until(() ->
        jdbc.sql("SELECT COUNT(*) FROM outbox WHERE order_id = ? AND channel = 'email' AND reason = 'same-news'")
            .param(order).query(Integer.class).single() == count);
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
