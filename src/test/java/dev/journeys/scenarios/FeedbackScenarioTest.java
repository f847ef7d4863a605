package dev.journeys.scenarios;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.scenarios.Mailbox.Mail;
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
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Feedback that measures the truth, through the whole app: opening a rating link (what a mail
 * scanner does) records nothing; the confirm button does; the customer may add a comment and change
 * the rating for journeys.feedback.change-window; a rating of 2 or less opens the support follow-up
 * once, also when a rating is changed to it. What is asserted is what GreenMail received, the
 * sandbox helpdesk's tickets and the order's feedback.
 */
@JourneysAppTest
@SharedSmtp.Uses
// The settings of the other journey scenarios, so that they all share one app.
@TestPropertySource(properties = {
  "journeys.engine.clock=controlled",
  "journeys.shopify.webhook-secrets=" + ShopifyWebhooks.SECRET
})
class FeedbackScenarioTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private Shop shop;
  private Mailbox mail;
  private EngineClockApi clock;
  private Browser browser;
  private EngineView engine;

  @BeforeEach
  void connect() {
    shop = new Shop(port);
    mail = new Mailbox(SharedSmtp.server());
    clock = new EngineClockApi(port);
    browser = new Browser(port);
    engine = new EngineView(jdbc);
  }

  private record Placed(String orderId, long journeyKey, Buyer buyer) {}

  @Test
  void openingARatingLinkRecordsNothingAndTheConfirmButtonDoes() {
    Placed order = deliveredAndAsked(Buyer.named("Scan", "en"));
    List<String> links = request(order).ratingLinks();

    // What a mail scanner does: it follows every link of the message.
    for (String link : links) {
      ResponseEntity<String> page = browser.open(link);
      assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(page.getBody()).contains("Confirm my rating", "method=\"post\"");
    }
    assertThat(browser.open(links.get(0)).getBody()).contains("value=\"1\" checked");
    assertThat(feedbackRow(order.orderId())).as("no rating recorded by GETs").isEmpty();
    engine.awaitAt(order.journeyKey(), "await_feedback");
    assertThat(ticketsOf(order.orderId())).isEmpty();

    ResponseEntity<String> thanks = browser.confirmRating(links.get(4), null, "Lovely mugs");

    assertThat(thanks.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(thanks.getBody()).contains("<strong class=\"rating\">5</strong> out of 5", order.orderId(),
        "Lovely mugs", "You can change your rating");
    mail.awaitSubject(order.buyer().email(), "Share a photo of your order " + order.orderId() + "?");
    assertThat(feedbackRow(order.orderId())).containsEntry("RATING", 5).containsEntry("COMMENT", "Lovely mugs");
    engine.awaitAt(order.journeyKey(), "rating_may_change");
  }

  @Test
  void aRatingChangedWithinTheWindowToALowOneOpensTheFollowUpOnce() {
    Placed order = deliveredAndAsked(Buyer.named("Change", "en"));
    String id = order.orderId();
    List<String> links = request(order).ratingLinks();
    browser.confirmRating(links.get(3), null, null);
    mail.awaitSubject(order.buyer().email(), "Share a photo of your order " + id + "?");
    engine.awaitAt(order.journeyKey(), "rating_may_change");
    clock.advance(Duration.ofDays(3));

    // Second thoughts three days later: the page of any link lets them pick another rating.
    ResponseEntity<String> changed = browser.confirmRating(links.get(3), 2, "The handle broke off");

    assertThat(changed.getBody()).contains("<strong class=\"rating\">2</strong> out of 5", "The handle broke off");
    Mail followUp = mail.awaitSubject(order.buyer().email(), "We are sorry about your order " + id);
    assertThat(followUp.text()).contains("Thank you for rating your order " + id + " 2 out of 5.");
    engine.awaitEnded(order.journeyKey());
    assertThat(awaitTickets(id)).singleElement().satisfies(t -> assertThat(t).containsEntry("rating", 2));

    // Lower still, and back: the follow-up was opened once, and is not opened again.
    browser.confirmRating(links.get(0), null, null);
    browser.confirmRating(links.get(1), null, null);
    assertThat(feedbackRow(id)).containsEntry("RATING", 2).containsEntry("RATING_VERSION", 4);
    awaitDuring(Duration.ofSeconds(2))
        .until(() -> ticketsOf(id).size() == 1 && count(order, "We are sorry about your order " + id) == 1);
    assertThat(mail.subjectsTo(order.buyer().email())).containsExactly(
        "Your order " + id + " is confirmed",
        "Your order " + id + " has been delivered",
        "How was your order " + id + "?",
        "Share a photo of your order " + id + "?",
        "We are sorry about your order " + id);
  }

  @Test
  void afterTheChangeWindowTheRatingStandsAndTheJourneyEnds() {
    Placed order = deliveredAndAsked(Buyer.named("Late", "en"));
    List<String> links = request(order).ratingLinks();
    browser.confirmRating(links.get(2), null, null);
    engine.awaitAt(order.journeyKey(), "rating_may_change");

    clock.advance(Duration.ofDays(7).plusMinutes(1));
    engine.awaitCompleted(order.journeyKey(), "rating_settled");
    ResponseEntity<String> tooLate = browser.confirmRating(links.get(0), null, "Changed my mind");

    assertThat(tooLate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(tooLate.getBody()).contains("<strong class=\"rating\">3</strong>", "can no longer be changed");
    assertThat(browser.open(links.get(0)).getBody()).contains("can no longer be changed").doesNotContain("<form");
    assertThat(feedbackRow(order.orderId())).containsEntry("RATING", 3).containsEntry("COMMENT", null);
    assertThat(ticketsOf(order.orderId())).isEmpty();
  }

  @Test
  void aZhCnCustomerConfirmsALowRatingAndGetsOneFollowUpInZhCn() {
    Placed order = deliveredAndAsked(Buyer.named("Mei", "zh-CN"));
    String id = order.orderId();
    List<String> links = request(order).ratingLinks();

    assertThat(browser.open(links.get(0)).getBody()).contains("确认评分", "为订单 <span>" + id + "</span> 评分");
    assertThat(feedbackRow(id)).isEmpty();
    browser.confirmRating(links.get(0), null, "杯子碎了");

    Mail followUp = mail.awaitSubject(order.buyer().email(), "关于您的订单 " + id + "，我们深表歉意");
    assertThat(followUp.language()).isEqualTo("zh-CN");
    assertThat(followUp.text()).contains("感谢您为订单 " + id + " 评分（1 分，满分 5 分）");
    engine.awaitEnded(order.journeyKey());
    browser.confirmRating(links.get(1), null, null);
    awaitDuring(Duration.ofSeconds(2)).until(() -> ticketsOf(id).size() == 1);
    assertThat(count(order, "关于您的订单 " + id + "，我们深表歉意")).isEqualTo(1);
    assertThat(feedbackRow(id)).containsEntry("RATING", 2).containsEntry("COMMENT", "杯子碎了");
  }

  @Test
  void theOneYearThankYouCountsFromTheFirstOrderThatWasNotCancelled() {
    Buyer ida = Buyer.named("Ida", "en");
    Instant first = clock.now();
    String cancelled = place(ida, first);
    clock.advance(Duration.ofDays(30));
    Instant second = clock.now();
    String kept = place(ida, second);
    awaitFollowUpsDone(ida, 1);
    assertThat(shop.cancel(cancelled, "customer changed their mind").status()).isEqualTo(HttpStatus.ACCEPTED);
    awaitFollowUpsDone(ida, 2);

    clock.moveTo(first.atZone(java.time.ZoneOffset.UTC).plusYears(1).toInstant().plus(Duration.ofHours(1)));
    awaitDuring("no thank-you a year after the cancelled order", Duration.ofSeconds(1))
        .until(() -> !mail.subjectsTo(ida.email()).contains("Thank you for a year with us"));
    clock.moveTo(second.atZone(java.time.ZoneOffset.UTC).plusYears(1).toInstant());

    mail.awaitSubject(ida.email(), "Thank you for a year with us");
    assertThat(count(ida, "Thank you for a year with us")).isEqualTo(1);
    assertThat(kept).isNotEqualTo(cancelled);
  }

  @Test
  void afterEveryOrderWasCancelledTheNextOrderStartsTheYear() {
    Buyer ole = Buyer.named("Ole", "en");
    Instant first = clock.now();
    String cancelled = place(ole, first);
    awaitFollowUpsDone(ole, 1);
    assertThat(shop.cancel(cancelled, "out of stock").status()).isEqualTo(HttpStatus.ACCEPTED);
    awaitFollowUpsDone(ole, 2);
    clock.advance(Duration.ofDays(60));
    Instant next = clock.now();
    place(ole, next);
    awaitFollowUpsDone(ole, 3);

    clock.moveTo(first.atZone(java.time.ZoneOffset.UTC).plusYears(1).toInstant().plus(Duration.ofHours(1)));
    awaitDuring("no thank-you a year after the cancelled order", Duration.ofSeconds(1))
        .until(() -> !mail.subjectsTo(ole.email()).contains("Thank you for a year with us"));
    clock.moveTo(next.atZone(java.time.ZoneOffset.UTC).plusYears(1).toInstant());

    mail.awaitSubject(ole.email(), "Thank you for a year with us");
    assertThat(count(ole, "Thank you for a year with us")).isEqualTo(1);
  }

  @Test
  void aCarrierThatNeverReportsDeliveryGetsTheRequestFiveDaysAfterItsLastEventWithoutClaimingArrival() {
    Buyer noa = Buyer.named("Noa", "en");
    Instant now = clock.now();
    String id = place(noa, now, now.plus(Duration.ofDays(30)));
    long journey = shop.awaitJourneyKey(id);
    await().atMost(Mailbox.WAIT).until(() -> mail.to(noa.email()).size() == 1);
    ship(noa, id, journey, "SHIPPED", 2);
    clock.advance(Duration.ofDays(3));
    ship(noa, id, journey, "IN_TRANSIT", 3);

    clock.advance(Duration.ofDays(4));
    awaitDuring("no request 4 days after the last event", Duration.ofSeconds(1))
        .until(() -> mail.to(noa.email()).size() == 3);
    clock.advance(Duration.ofDays(1).plusMinutes(1));

    Mail request = mail.awaitSubject(noa.email(), "How was your order " + id + "?");
    assertThat(request.text())
        .contains("We have no delivery confirmation for your order " + id + " yet. If it has reached you, how did we do?")
        .contains("Not received yet?")
        .doesNotContain("arrived recently");
    assertThat(request.ratingLinks()).hasSize(5);
    engine.awaitCompleted(journey, "delivery_unconfirmed");
    assertThat(count(noa, "How was your order " + id + "?")).isEqualTo(1);
  }

  @Test
  void aZhCnCustomerWithoutDeliveryConfirmationIsAskedInZhCnWithoutClaimingArrival() {
    Buyer lan = Buyer.named("Lan", "zh-CN");
    Instant now = clock.now();
    String id = place(lan, now, now.plus(Duration.ofDays(30)));
    long journey = shop.awaitJourneyKey(id);
    await().atMost(Mailbox.WAIT).until(() -> mail.to(lan.email()).size() == 1);
    ship(lan, id, journey, "SHIPPED", 2);

    clock.advance(Duration.ofDays(5).plusMinutes(1));

    Mail request = mail.awaitSubject(lan.email(), "您对订单 " + id + " 满意吗？");
    assertThat(request.language()).isEqualTo("zh-CN");
    assertThat(request.text()).contains("我们尚未收到订单 " + id + " 的签收确认").doesNotContain("已于近日送达");
  }

  // --- steps -------------------------------------------------------------------------------

  private String place(Buyer buyer, Instant placedAt, Instant deliverBy) {
    String id = "F-" + UUID.randomUUID().toString().substring(0, 8);
    Shop.Answer placed = shop.placeOrder(id, buyer, placedAt, placedAt.plus(Duration.ofDays(3)), deliverBy);
    assertThat(placed.status()).as("POST /api/orders: %s", placed.body()).isEqualTo(HttpStatus.CREATED);
    return id;
  }

  /** Reports a status, waits for its email and for the journey to wait for the next one. */
  private void ship(Buyer buyer, String id, long journey, String status, int emails) {
    assertThat(shop.reportShipment(id, status, status + "-" + UUID.randomUUID()).status()).isEqualTo(HttpStatus.ACCEPTED);
    await().atMost(Mailbox.WAIT).until(() -> mail.to(buyer.email()).size() == emails);
    engine.awaitAt(journey, "await_shipment_update");
  }

  private String place(Buyer buyer, Instant placedAt) {
    return place(buyer, placedAt, placedAt.plus(Duration.ofDays(7)));
  }

  /** Waits until Journeys' first-order follow-ups of the customer are this many, all done. */
  private void awaitFollowUpsDone(Buyer buyer, int count) {
    await("first-order follow-ups of " + buyer.customerId()).atMost(Mailbox.WAIT)
        .until(() -> shop.inboxWithKeyPrefix("journeys:first-order:" + buyer.customerId()),
            events -> events.size() == count && events.stream().allMatch(e -> "DONE".equals(e.get("state"))));
  }

  private long count(Buyer buyer, String subject) {
    return mail.subjectsTo(buyer.email()).stream().filter(subject::equals).count();
  }

  private Placed deliveredAndAsked(Buyer buyer) {
    Instant now = clock.now();
    String id = "F-" + UUID.randomUUID().toString().substring(0, 8);
    Shop.Answer placed = shop.placeOrder(id, buyer, now, now.plus(Duration.ofDays(3)), now.plus(Duration.ofDays(7)));
    assertThat(placed.status()).as("POST /api/orders: %s", placed.body()).isEqualTo(HttpStatus.CREATED);
    Placed order = new Placed(id, Long.parseLong((String) placed.body().get("journeyKey")), buyer);
    await().atMost(Mailbox.WAIT).until(() -> mail.to(buyer.email()).size() == 1);
    assertThat(shop.reportShipment(id, "DELIVERED", "delivered-" + UUID.randomUUID()).status())
        .isEqualTo(HttpStatus.ACCEPTED);
    await().atMost(Mailbox.WAIT).until(() -> mail.to(buyer.email()).size() == 2);
    engine.awaitAt(order.journeyKey(), "one_day_after_delivery");
    clock.advance(Duration.ofHours(24));
    return order;
  }

  private Mail request(Placed order) {
    String subject = order.buyer().locale().equals("zh-CN")
        ? "您对订单 " + order.orderId() + " 满意吗？" : "How was your order " + order.orderId() + "?";
    Mail request = mail.awaitSubject(order.buyer().email(), subject);
    assertThat(request.ratingLinks()).hasSize(5);
    return request;
  }

  private long count(Placed order, String subject) {
    return count(order.buyer(), subject);
  }

  private List<Map<String, Object>> ticketsOf(String orderId) {
    return shop.tickets().stream().filter(t -> orderId.equals(t.get("orderId"))).toList();
  }

  private List<Map<String, Object>> awaitTickets(String orderId) {
    return await("a support ticket for order " + orderId).atMost(Mailbox.WAIT)
        .until(() -> ticketsOf(orderId), t -> !t.isEmpty());
  }

  private Map<String, Object> feedbackRow(String orderId) {
    List<Map<String, Object>> rows = jdbc.sql("SELECT rating, comment, rating_version FROM feedback WHERE order_id = ?")
        .param(orderId).query().listOfRows();
    return rows.isEmpty() ? Map.of() : upperKeys(rows.get(0));
  }

  private static Map<String, Object> upperKeys(Map<String, Object> row) {
    Map<String, Object> upper = new java.util.HashMap<>();
    row.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v));
    return upper;
  }
}
