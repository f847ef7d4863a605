package dev.journeys.scenarios;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Answer;
import dev.journeys.scenarios.Mailbox.Mail;
import dev.journeys.scenarios.OutboxView.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 18's last "done when": a realistic Shopify order story (2025-01 payloads, every carrier
 * scan reported the way Shopify reports it, through fulfillment_events/create AND fulfillments/update)
 * replayed for an English and a Chinese customer, and what each received compared with what a
 * careful support agent would have written: one message per piece of news, the carrier's tracking,
 * the new date, the pickup place, when it was delivered, a feedback request a day later; and for a
 * second order, lost by the carrier and cancelled, a plain cancellation notice and then silence.
 *
 * <p>Both customers live their stories side by side in one app, step by step, so one controlled
 * clock serves both.
 */
@JourneysAppTest
@SharedSmtp.Uses
@TestPropertySource(properties = {
  "journeys.engine.clock=controlled",
  "journeys.shopify.webhook-secrets=" + ShopifyWebhooks.SECRET
})
class ShopifyStoryScenarioTest {

  private static final String DHL_URL = "https://www.dhl.com/de-en/home/tracking.html?tracking-id=JD014600006281230704";
  private static final String DHL_NUMBER = "JD014600006281230704";
  /** Shopify writes times with the shop's offset. */
  private static final ZoneOffset SHOP_OFFSET = ZoneOffset.ofHours(1);
  private static final ObjectMapper JSON = new ObjectMapper();


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

  /** What a customer reads, in their language: subjects, labels and the greeting. */
  private record Words(
      String locale, String greeting, String confirmed, String shipped, String onItsWay, String delayed,
      String missedYou, String readyForPickup, String delivered, String feedback, String problem,
      String cancelled, String carrier, String number, String track, String estimated, String newDate,
      String noNewDate, String pickupPlace, String deliveredOn, String arrivedRecently, String recommendations,
      String refund, DateTimeFormatter dates) {

    String date(LocalDate date) {
      return dates.format(date);
    }
  }

  private static final Words EN = new Words("en", "Hello Ada,",
      "Your order %s is confirmed", "Your order %s has shipped", "Your order %s is on its way",
      "Delivery of your order %s is delayed", "We missed you: delivery of your order %s",
      "Your order %s is ready for pickup", "Your order %s has been delivered", "How was your order %s?",
      "A problem with the delivery of your order %s", "Your order %s has been cancelled",
      "Carrier: ", "Tracking number: ", "Track your order: ", "Estimated delivery: ", "New expected delivery: ",
      "There is no new delivery date yet", "Pickup place: ", "Delivered: ", "arrived recently",
      "You might also like", "refund", DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH));

  private static final Words ZH = new Words("zh-CN", "李静，您好：",
      "您的订单 %s 已确认", "您的订单 %s 已发货", "您的订单 %s 正在运输途中", "您的订单 %s 配送延迟",
      "您的订单 %s 派送未成功", "您的订单 %s 已到达自提点", "您的订单 %s 已签收", "您对订单 %s 满意吗？",
      "您的订单 %s 配送异常", "您的订单 %s 已取消",
      "承运商：", "运单号：", "查看物流：", "预计送达：", "新的预计送达日期：", "目前还没有新的送达日期", "自提点：",
      "签收时间：", "已于近日送达", "猜你喜欢", "退款", DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA));

  /** One customer's order with Shopify: its one fulfillment, and what the customer reads. */
  private record Story(Buyer buyer, Words words, String order, String fulfillment, String pickupMessage,
      String pickupAddress, String pickupPlace) {

    String subject(java.util.function.Function<Words, String> template) {
      return template.apply(words).formatted(order);
    }
  }

  @Test
  void eachCustomerGetsWhatACarefulSupportAgentWouldHaveSentAndNothingTwice() {
    Buyer ada = new Buyer(ShopifyWebhooks.newId(), "ada-" + ShopifyWebhooks.newId() + "@example.com",
        "Ada Lovelace", "en", null);
    // Shopify's first_name 静, last_name 李: she is 李静.
    Buyer jing = new Buyer(ShopifyWebhooks.newId(), "jing-" + ShopifyWebhooks.newId() + "@example.com",
        "静 李", "zh-CN", null);
    List<Story> stories = List.of(
        new Story(ada, EN, ShopifyWebhooks.newId(), ShopifyWebhooks.newId(),
            "DHL Packstation 152", "Schönhauser Allee 10",
            "DHL Packstation 152, Schönhauser Allee 10, 10435 Berlin"),
        new Story(jing, ZH, ShopifyWebhooks.newId(), ShopifyWebhooks.newId(),
            "DHL Paketshop Späti am Kollwitzplatz", "Knaackstraße 1",
            "DHL Paketshop Späti am Kollwitzplatz, Knaackstraße 1, 10435 Berlin"));

    // --- the order, and the customer's consent to marketing email at checkout ------------------
    // Mid-morning, so that the shop's day (UTC+1) and the customers' (unknown zone: UTC) agree.
    Instant now = clock.now();
    Instant nineToday = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofHours(9));
    Instant start = clock.moveTo(now.isBefore(nineToday) ? nineToday : nineToday.plus(Duration.ofDays(1)));
    for (Story s : stories) {
      accepted(shopify.send("orders/create", shopify.orderCreated(s.order(), s.buyer(), start)));
      shop.awaitProcessed(inboxId(shopify.send("customers_email_marketing_consent/update",
          shopify.emailConsent(s.buyer(), true, start))));
    }
    for (Story s : stories) {
      Mail confirmation = mail.awaitSubject(s.buyer().email(), s.subject(Words::confirmed));
      assertThat(confirmation.language()).isEqualTo(s.words().locale());
      assertThat(confirmation.text()).startsWith(s.words().greeting()).contains("Stoneware mug - Indigo");
    }

    // --- shipped, with DHL's tracking ----------------------------------------------------------
    for (Story s : stories) {
      processed(shopify.send("fulfillments/create", fulfillment(s, "confirmed")));
    }
    for (Story s : stories) {
      Mail shipped = mail.awaitSubject(s.buyer().email(), s.subject(Words::shipped));
      assertThat(shipped.text()).startsWith(s.words().greeting()).contains(
          s.words().carrier() + "DHL Express", s.words().number() + DHL_NUMBER, s.words().track() + DHL_URL);
      assertThat(shipped.html()).contains("href=\"" + DHL_URL + "\"");
    }

    // --- in transit, with the carrier's first estimate ------------------------------------------
    LocalDate firstEstimate = shopDate(clock.now().plus(Duration.ofDays(2)));
    carrierScan(stories, "in_transit", "message", "Departed DHL hub Leipzig",
        "estimated_delivery_at", shopTime(firstEstimate.atTime(18, 0).toInstant(SHOP_OFFSET)));
    for (Story s : stories) {
      assertThat(mail.awaitSubject(s.buyer().email(), s.subject(Words::onItsWay)).text())
          .contains(s.words().estimated() + s.words().date(firstEstimate), s.words().track() + DHL_URL);
    }

    // --- delayed, with a new date; Shopify reports it through both topics -----------------------
    LocalDate newDate = shopDate(clock.now().plus(Duration.ofDays(4)));
    // This time the update, without the date, comes first: its message waits for the news to settle,
    // the event's (with the date) goes at once, and the waiting one is then superseded.
    carrierScanUpdateFirst(stories, "delayed", "message", "Delayed: high parcel volume",
        "estimated_delivery_at", shopTime(newDate.atTime(18, 0).toInstant(SHOP_OFFSET)));
    clock.advance(EngineClockApi.NEWS_SETTLE);
    for (Story s : stories) {
      awaitSkips(s.order(), NewsSkip.SUPERSEDED, 1);
      Mail delay = mail.awaitSubject(s.buyer().email(), s.subject(Words::delayed));
      assertThat(delay.text()).startsWith(s.words().greeting())
          .contains(s.words().newDate() + s.words().date(newDate), s.words().track() + DHL_URL,
              s.words().number() + DHL_NUMBER)
          .doesNotContain(s.words().noNewDate(), s.words().recommendations());
    }

    // --- a failed delivery attempt; the carrier gives no new date -------------------------------
    carrierScan(stories, "attempted_delivery", "message", "Recipient not at home", "estimated_delivery_at", null);
    // No date in either report: the message waits for the news to settle, then goes once.
    awaitHeldForNewsToSettle(stories);
    clock.advance(EngineClockApi.NEWS_SETTLE);
    for (Story s : stories) {
      awaitSkips(s.order(), NewsSkip.SAME, 1);
      Mail missed = mail.awaitSubject(s.buyer().email(), s.subject(Words::missedYou));
      assertThat(missed.text()).contains(s.words().noNewDate(), s.words().track() + DHL_URL)
          .doesNotContain(s.words().recommendations());
    }

    // --- held at a pickup point, which the carrier names ----------------------------------------
    for (Story s : stories) {
      carrierScan(List.of(s), "ready_for_pickup", "message", s.pickupMessage(), "address1", s.pickupAddress(),
          "zip", "10435", "city", "Berlin", "province", null, "estimated_delivery_at", null);
    }
    for (Story s : stories) {
      Mail pickup = mail.awaitSubject(s.buyer().email(), s.subject(Words::readyForPickup));
      assertThat(pickup.text()).contains(s.words().pickupPlace() + s.pickupPlace(), s.words().track() + DHL_URL)
          .as("it is there now: no estimate of when it arrives").doesNotContain(s.words().estimated());
      assertThat(pickup.html()).contains(s.pickupPlace());
    }

    // --- collected: delivered, and when ----------------------------------------------------------
    Instant deliveredAt = clock.now();
    carrierScan(stories, "delivered", "message", "Picked up by recipient", "estimated_delivery_at", null);
    for (Story s : stories) {
      Mail delivered = mail.awaitSubject(s.buyer().email(), s.subject(Words::delivered));
      assertThat(delivered.text()).startsWith(s.words().greeting())
          .contains(s.words().deliveredOn() + s.words().date(shopDate(deliveredAt)))
          // Shopify gives no time zone: a clock time would be the wrong hour for the customer
          .doesNotContainPattern(s.words().deliveredOn() + "[^\\n]*\\d{1,2}:\\d{2}")
          .doesNotContain(s.words().estimated());
    }

    // --- about a day later, the feedback request --------------------------------------------------
    for (Story s : stories) {
      engine.awaitAt(shop.awaitJourneyKey(s.order()), "one_day_after_delivery");
    }
    clock.advance(Duration.ofHours(23));
    awaitDuring("no feedback request before a day has passed", Duration.ofSeconds(1))
        .until(() -> stories.stream().noneMatch(s -> mail.subjectsTo(s.buyer().email()).contains(s.subject(Words::feedback))));
    clock.advance(Duration.ofHours(1).plusMinutes(1));
    for (Story s : stories) {
      Mail request = mail.awaitSubject(s.buyer().email(), s.subject(Words::feedback));
      assertThat(request.text()).startsWith(s.words().greeting()).contains(s.words().arrivedRecently());
      assertThat(request.ratingLinks()).hasSize(5);
      assertThat(request.listUnsubscribe()).as("marketing").isNotNull();
    }

    for (Story s : stories) {
      assertThat(mail.subjectsTo(s.buyer().email())).as("everything %s received", s.buyer().name()).containsExactly(
          s.subject(Words::confirmed), s.subject(Words::shipped), s.subject(Words::onItsWay),
          s.subject(Words::delayed), s.subject(Words::missedYou), s.subject(Words::readyForPickup),
          s.subject(Words::delivered), s.subject(Words::feedback));
      assertThat(mail.to(s.buyer().email())).allSatisfy(m -> {
        assertThat(m.language()).isEqualTo(s.words().locale());
        assertThat(m.text()).startsWith(s.words().greeting());
      });
      assertThat(outbox.emailsOfOrder(s.order())).containsExactly(
          sent("order-confirmation"), sent("shipping-update"), sent("shipping-update"),
          superseded(), sent("delay-alert"), sentAfterSettling("delay-alert"), sameNews(),
          sent("shipping-update"), sent("shipping-update"), sent("feedback-request"));
    }

    // --- a second order: shipped, lost by the carrier, cancelled by the shop ----------------------
    List<Story> lost = stories.stream().map(s -> new Story(s.buyer(), s.words(), ShopifyWebhooks.newId(),
        ShopifyWebhooks.newId(), null, null, null)).toList();
    Instant second = clock.now();
    for (Story s : lost) {
      accepted(shopify.send("orders/create", shopify.orderCreated(s.order(), s.buyer(), second)));
      mail.awaitSubject(s.buyer().email(), s.subject(Words::confirmed));
      processed(shopify.send("fulfillments/create", fulfillment(s, "confirmed")));
      mail.awaitSubject(s.buyer().email(), s.subject(Words::shipped));
    }
    carrierScan(lost, "failure", "message", "Parcel damaged in transit", "estimated_delivery_at", null);
    awaitHeldForNewsToSettle(lost);
    clock.advance(EngineClockApi.NEWS_SETTLE);
    for (Story s : lost) {
      awaitSkips(s.order(), NewsSkip.SAME, 1);
      mail.awaitSubject(s.buyer().email(), s.subject(Words::problem));
      processed(shopify.send("orders/cancelled", shopify.orderCancelled(s.order(), s.buyer(), clock.now())));
    }
    for (Story s : lost) {
      Mail notice = mail.awaitSubject(s.buyer().email(), s.subject(Words::cancelled));
      // Facts only: no refund promised on the shop's behalf (off by default), nothing to buy.
      assertThat(notice.text()).startsWith(s.words().greeting())
          .doesNotContain(s.words().recommendations()).doesNotContainIgnoringCase(s.words().refund());
      assertThat(notice.html()).doesNotContain("class=\"recommendations\"", s.words().recommendations())
          .doesNotContainIgnoringCase(s.words().refund());
      engine.awaitEnded(shop.awaitJourneyKey(s.order()));
      // Shopify cancels the fulfillment; the carrier's scanner knows nothing of it and goes on.
      processed(shopify.send("fulfillments/update",
          fulfillment(s, "failure").replace("\"status\": \"success\"", "\"status\": \"cancelled\"")));
      carrierScan(List.of(s), "in_transit", "message", "Returned to sender", "estimated_delivery_at", null);
    }
    // Past the second orders' ship-by and deliver-by dates (P3D, P7D): an ended journey sends no alert.
    clock.advance(Duration.ofDays(8));
    for (int i = 0; i < stories.size(); i++) {
      Story s = stories.get(i);
      Story l = lost.get(i);
      awaitDuring("nothing more for " + s.buyer().name(), Duration.ofSeconds(1))
          .until(() -> mail.to(s.buyer().email()).size() == 12);
      assertThat(mail.subjectsTo(s.buyer().email()).subList(8, 12)).containsExactly(
          l.subject(Words::confirmed), l.subject(Words::shipped), l.subject(Words::problem),
          l.subject(Words::cancelled));
      assertThat(mail.to(s.buyer().email())).extracting(Mail::messageId).doesNotHaveDuplicates();
      assertThat(outbox.emailsOfOrder(l.order())).containsExactly(
          sent("order-confirmation"), sent("shipping-update"), sentAfterSettling("delay-alert"), sameNews(),
          sent("cancellation-notice"));
    }
  }

  // --- Shopify's side --------------------------------------------------------------------------

  /**
   * One carrier scan as Shopify reports it: fulfillment_events/create, then fulfillments/update
   * with the fulfillment's new shipment_status (and, as Shopify's fulfillment has no such field,
   * without the carrier's date or place). The update comes once the scan's own message, if any, has
   * been decided, so the outbox rows are in a known order.
   */
  private void carrierScan(List<Story> stories, String status, Object... fields) {
    Instant at = clock.now();
    for (Story s : stories) {
      boolean cancelled = shop.order(s.order()).get("cancellation") != null;
      decided(s, status, cancelled, () -> processed(shopify.send("fulfillment_events/create", event(s, status, at, fields))));
      processed(shopify.send("fulfillments/update", fulfillment(s, status)));
    }
  }

  /** The same scan with the two topics the other way round, as Shopify sends them just as often. */
  private void carrierScanUpdateFirst(List<Story> stories, String status, Object... fields) {
    Instant at = clock.now();
    for (Story s : stories) {
      decided(s, status, false, () -> processed(shopify.send("fulfillments/update", fulfillment(s, status))));
      decided(s, status, false, () -> processed(shopify.send("fulfillment_events/create", event(s, status, at, fields))));
    }
  }

  private void decided(Story s, String status, boolean silent, Runnable report) {
    int before = outbox.emailsOfOrder(s.order()).size();
    report.run();
    if (!silent) {
      await("the message of the %s scan of order %s".formatted(status, s.order())).atMost(Mailbox.WAIT)
          .until(() -> outbox.emailsOfOrder(s.order()).size() > before);
    }
  }

  /** Each fulfillment update has its own updated_at, as Shopify's do: a new report, not a resend. */
  private long updates;

  private String fulfillment(Story s, String shipmentStatus) {
    return shopify.fulfillment(s.order(), s.fulfillment(), shipmentStatus, clock.now().plusMillis(updates++));
  }

  /** A fulfillment_events/create body; then field, value pairs (null: JSON null). */
  private String event(Story s, String status, Instant at, Object... fields) {
    try {
      ObjectNode body = (ObjectNode) JSON.readTree(
          shopify.fulfillmentEvent(s.order(), s.fulfillment(), ShopifyWebhooks.newId(), status, at));
      body.put("happened_at", shopTime(at));
      body.put("created_at", shopTime(at.plusSeconds(60)));
      body.put("updated_at", shopTime(at.plusSeconds(60)));
      for (int i = 0; i < fields.length; i += 2) {
        body.set((String) fields[i], JSON.valueToTree(fields[i + 1]));
      }
      return body.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String shopTime(Instant at) {
    return at.atOffset(SHOP_OFFSET).toString();
  }

  private static LocalDate shopDate(Instant at) {
    return at.atOffset(SHOP_OFFSET).toLocalDate();
  }

  private static String inboxId(Answer answer) {
    assertThat(answer.status()).as("webhook answer %s", answer.body()).isEqualTo(200);
    return String.valueOf(answer.body().get("inboxId"));
  }

  private static void accepted(Answer answer) {
    assertThat(answer.status()).as("webhook answer %s", answer.body()).isEqualTo(200);
    assertThat(answer.body()).containsEntry("duplicate", false);
  }

  private void processed(Answer answer) {
    accepted(answer);
    shop.awaitProcessed(inboxId(answer));
  }

  // --- what was recorded ------------------------------------------------------------------------

  private static Row sent(String template) {
    return new Row(template, "email", "SENT", null);
  }

  /** Carrier news without a date waits a minute in case a second report brings one. */
  private static Row sentAfterSettling(String template) {
    return new Row(template, "email", "SENT", "news-settling");
  }

  private static Row sameNews() {
    return new Row("delay-alert", "email", "SKIPPED", NewsSkip.SAME.reason);
  }

  private static Row superseded() {
    return new Row("delay-alert", "email", "SKIPPED", NewsSkip.SUPERSEDED.reason);
  }

  enum NewsSkip {
    SAME("same-news"), SUPERSEDED("superseded-news");

    final String reason;

    NewsSkip(String reason) {
      this.reason = reason;
    }
  }

  /**
   * The messages of both reports of news without a date (one per topic) are held for the news to
   * settle, before the test moves the clock past the settling time. Moved first, a report whose
   * message was not decided yet would find the news settled and go at once, and the one held would
   * be skipped as the same news: the customer gets one message either way, but not the path this
   * scenario is about.
   */
  private void awaitHeldForNewsToSettle(List<Story> stories) {
    for (Story s : stories) {
      awaitEmails(s.order(), "news-settling", 2);
    }
  }

  private void awaitSkips(String order, NewsSkip skip, int count) {
    awaitEmails(order, skip.reason, count);
  }

  /** The order has this many emails whose outbox row gives this reason (held or skipped). */
  private void awaitEmails(String order, String reason, int count) {
    await("%d %s emails of order %s".formatted(count, reason, order)).atMost(Mailbox.WAIT).until(() ->
        jdbc.sql("SELECT COUNT(*) FROM outbox WHERE order_id = ? AND channel = 'email' AND reason = ?")
            .params(order, reason).query(Integer.class).single() == count);
  }
}
