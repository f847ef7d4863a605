package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.feedback.Ratings;
import dev.journeys.orders.ShopClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The customer satisfaction and delivery honesty pages, their JSON and CSV over HTTP, from a known
 * history in January 2020 (written straight into the modules' tables, far from what other tests
 * of this app add today); and a rating given through the app's entry points after a real delay
 * alert, recorded with what it is about.
 */
@JourneysAppTest
class CsatAndDeliveryPagesTest {

  private static final String JANUARY = "from=2020-01-01&to=2020-01-31";
  private static boolean seeded;

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired Ratings ratings;
  @Autowired ObjectMapper json;

  private final AtomicLong keys = new AtomicLong(9_000_000_000L);

  @BeforeEach
  void january2020() {
    synchronized (CsatAndDeliveryPagesTest.class) {
      if (!seeded) {
        history();
        seeded = true;
      }
    }
  }

  @Test
  void deliveryHonestyCountsLateOrdersTheirAlertsAndRanksCarriers() throws Exception {
    JsonNode report = json.readTree(get("/api/results/delivery?" + JANUARY).body());

    assertThat(report.at("/totals/due").asLong()).isEqualTo(5);
    assertThat(report.at("/totals/lateToShip").asLong()).isEqualTo(1);
    assertThat(report.at("/totals/lateToDeliver").asLong()).isEqualTo(4);
    assertThat(report.at("/totals/notDelivered").asLong()).isEqualTo(1);
    assertThat(report.at("/totals/lateToDeliverShare").asDouble()).isEqualTo(0.8);
    assertThat(report.at("/alerts/lateOrders").asLong()).isEqualTo(4);
    assertThat(report.at("/alerts/alerted").asLong()).isEqualTo(3);
    assertThat(report.at("/alerts/alertedBeforePromise").asLong()).isEqualTo(2);
    assertThat(report.at("/alerts/medianLeadHours").asDouble()).isEqualTo(24.0);
    assertThat(report.at("/carriers/0/carrier").asText()).isEqualTo("UPS");

    HttpResponse<String> carriers = get("/dashboard/results/delivery.csv?table=carriers&" + JANUARY);
    assertThat(carriers.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
    assertThat(carriers.body()).isEqualTo(
        "carrier,orders_due,late_to_deliver,late_share,orders_failed,failed_share,delays_reported,failed_attempts,exceptions\r\n"
            + "UPS,3,3,1.0,1,0.3333,2,0,1\r\n"
            + "DHL,2,1,0.5,1,0.5,0,1,0\r\n");
    assertThat(get("/api/results/delivery?format=csv&table=summary&" + JANUARY).body()).isEqualTo(
        "from,to,orders_due,ship_by_promised,late_to_ship,late_to_ship_share,late_to_deliver,late_to_deliver_share,"
            + "not_delivered,alerted,alerted_share,alerted_before_promise,median_lead_hours\r\n"
            + "2020-01-01T00:00:00Z,2020-02-01T00:00:00Z,5,5,1,0.2,4,0.8,1,3,0.75,2,24.0\r\n");

    String page = get("/dashboard/results/delivery?" + JANUARY).body();
    assertThat(page).contains("<span class=\"value\" id=\"due\">5</span>")
        .contains("<span class=\"value\" id=\"median-lead\">24.0 h</span>")
        .containsPattern("(?s)data-carrier=\"UPS\".*data-carrier=\"DHL\"")
        .contains("href=\"/dashboard/results/delivery.csv?table=carriers&amp;from=2020-01-01&amp;to=2020-01-31\"");
  }

  @Test
  void satisfactionShowsDistributionResponseRateAndTheAlertedAgainstTheNotAlerted() throws Exception {
    JsonNode report = json.readTree(get("/api/results/csat?" + JANUARY).body());

    assertThat(report.at("/ratings/total").asLong()).isEqualTo(3);
    assertThat(report.at("/ratings/csat").asDouble()).isEqualTo(2 / 3.0);
    assertThat(report.at("/requestsSent").asLong()).isEqualTo(4);
    assertThat(report.at("/responseRate").asDouble()).isEqualTo(0.75);
    assertThat(report.at("/deliveries/1/key").asText()).isEqualTo("LATE_ALERTED");
    assertThat(report.at("/deliveries/1/counts/csat").asDouble()).isEqualTo(1.0);
    assertThat(report.at("/deliveries/2/key").asText()).isEqualTo("LATE_NOT_ALERTED");
    assertThat(report.at("/deliveries/2/counts/csat").asDouble()).isEqualTo(0.0);

    assertThat(get("/dashboard/results/csat.csv?table=ratings&" + JANUARY).body()).isEqualTo(
        "rating,count,share\r\n1,1,0.3333\r\n2,0,0.0\r\n3,0,0.0\r\n4,1,0.3333\r\n5,1,0.3333\r\n");
    assertThat(get("/dashboard/results/csat?format=csv&table=low&" + JANUARY).body()).isEqualTo(
        "order_id,rating,comment,received_at,changed_at,carrier,locale,ticket_opened_at\r\n"
            + "D-4,1,\"No word, \"\"nothing\"\"\",2020-01-28T10:00:00Z,,UPS,en,2020-01-28T11:00:00Z\r\n");
    assertThat(get("/api/results/csat.csv?table=skus&" + JANUARY).body()).isEqualTo(
        "sku,ratings,r1,r2,r3,r4,r5,csat,average\r\n"
            + "MUG-01,2,1,0,0,0,1,0.5,3.0\r\n"
            + "TEA-07,1,0,0,0,1,0,1.0,4.0\r\n");

    String page = get("/dashboard/results/csat?" + JANUARY).body();
    assertThat(page).contains("<span class=\"value\" id=\"ratings\">3</span>")
        .contains("<span class=\"value\" id=\"requests\">4</span>")
        .contains("<span class=\"value\" id=\"low-with-ticket\">1 / 1</span>")
        .contains("name=\"from\" value=\"2020-01-01\"")
        .contains("href=\"/dashboard/results/csat.csv?table=skus&amp;from=2020-01-01&amp;to=2020-01-31\"")
        .containsPattern("(?s)<tr data-order=\"D-4\">.*No word, &quot;nothing&quot;.*opened 2020-01-28T11:00:00Z");
  }

  @Test
  void aBadPeriodOrTableIsRefusedNamingTheField() throws Exception {
    HttpResponse<String> badDate = get("/api/results/csat?from=2020-13-01");
    assertThat(badDate.statusCode()).isEqualTo(400);
    assertThat(badDate.body()).startsWith("from: expected an ISO date");
    HttpResponse<String> backwards = get("/dashboard/results/delivery?from=2020-02-01&to=2020-01-01");
    assertThat(backwards.statusCode()).isEqualTo(400);
    assertThat(backwards.body()).startsWith("from: expected a date on or before 'to'");
    assertThat(get("/api/results/delivery?to=someday").body()).startsWith("to: ");
    assertThat(get("/api/results/delivery?from=2018-01-01&to=2020-01-01").statusCode()).isEqualTo(400);
    HttpResponse<String> table = get("/dashboard/results/csat.csv?table=nope&" + JANUARY);
    assertThat(table.statusCode()).isEqualTo(400);
    assertThat(table.body()).startsWith("table: expected one of ratings, summary");
  }

  @Test
  void aRatingAfterADelayAlertIsRecordedWithWhatItIsAbout() {
    ShopClient shop = new ShopClient(port);
    String late = "CS-" + UUID.randomUUID().toString().substring(0, 8);
    Instant now = Instant.now();
    order(shop, late, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
    shipment(shop, late, "SHIPPED");
    shipment(shop, late, "DELAYED");
    await().atMost(Duration.ofSeconds(60)).until(() -> shop.getList("/api/outbox?orderId=" + late).stream()
        .anyMatch(m -> "delay-alert".equals(m.get("template")) && "SENT".equals(m.get("status"))));
    shipment(shop, late, "DELIVERED");
    String onTime = "CS-" + UUID.randomUUID().toString().substring(0, 8);
    order(shop, onTime, now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(5)));
    shipment(shop, onTime, "SHIPPED");
    shipment(shop, onTime, "DELIVERED");

    assertThat(ratings.rate(late, 2)).isEqualTo(2);
    assertThat(ratings.rate(late, 4)).as("a change keeps what the rating is about").isEqualTo(4);
    assertThat(ratings.rate(onTime, 5)).isEqualTo(5);

    assertThat(about(late)).isEqualTo(Map.of("journey", "post-purchase", "locale", "en", "carrier", "DHL",
        "delivery", "LATE_ALERTED", "skus", "MUG-01,TEA-07", "rating", 4));
    assertThat(about(onTime)).containsEntry("delivery", "ON_TIME").containsEntry("rating", 5);
  }

  private Map<String, Object> about(String orderId) {
    return jdbc.sql("SELECT journey, locale, carrier, delivery_class, rating FROM feedback WHERE order_id = ?")
        .param(orderId)
        .query((rs, n) -> Map.<String, Object>of("journey", rs.getString(1), "locale", rs.getString(2),
            "carrier", rs.getString(3), "delivery", rs.getString(4), "rating", rs.getInt(5),
            "skus", String.join(",", jdbc.sql("SELECT sku FROM feedback_sku WHERE order_id = ? ORDER BY sku")
                .param(orderId).query(String.class).list())))
        .single();
  }

  private static void order(ShopClient shop, String orderId, Instant shipBy, Instant deliverBy) {
    String body = """
        {"orderId": "%s", "customer": {"id": "C-%s", "email": "csat@example.com", "name": "Cas Sat"},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 1, "unitPrice": 12.50},
                   {"sku": "TEA-07", "name": "Green tea", "quantity": 1, "unitPrice": 8.90}],
         "total": 21.40, "currency": "EUR", "locale": "en",
         "placedAt": "%s", "promisedShipBy": "%s", "promisedDeliverBy": "%s"}"""
        .formatted(orderId, orderId, shipBy.minus(Duration.ofDays(1)), shipBy, deliverBy);
    assertThat(shop.postOrder(body).getStatusCode().value()).isEqualTo(201);
  }

  /** Posts the shipment event and waits until the inbox has applied it to the order. */
  private void shipment(ShopClient shop, String orderId, String status) {
    String body = "{\"status\": \"%s\", \"carrier\": \"DHL\", \"trackingNumber\": \"JD-%s\"}".formatted(status, orderId);
    assertThat(shop.post("/api/orders/" + orderId + "/shipments", body).getStatusCode().value()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
            "SELECT COUNT(*) FROM orders WHERE order_id = ? AND (shipment_status = ? OR carrier_issue = ?)")
        .params(orderId, status, status).query(Long.class).single() == 1);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Five orders due in January 2020 and three ratings of them. D-2 and D-5 were alerted before the
   * promised date (24 and 48 hours), D-3 12 hours after it (but before it arrived), D-4 not at all.
   */
  private void history() {
    // Written straight into the tables, behind the stores' backs: the days are marked changed, as a
    // late change marks a closed day, so a roll-up of January 2020 that ran before (the app's own,
    // in this shared context) is not read instead of them.
    for (int day = 1; day <= 31; day++) {
      java.sql.Date date = java.sql.Date.valueOf(java.time.LocalDate.of(2020, 1, day));
      jdbc.sql("INSERT INTO delivery_stale_day (on_day) VALUES (?)").param(date).update();
      jdbc.sql("INSERT INTO csat_stale_day (on_day) VALUES (?)").param(date).update();
    }
    order("D-1", "DHL", "2020-01-10T12:00:00Z", "2020-01-08T10:00:00Z", "2020-01-10T09:00:00Z", 0, 0, 0);
    order("D-2", "DHL", "2020-01-12T12:00:00Z", "2020-01-11T00:00:00Z", "2020-01-13T12:00:00Z", 0, 1, 0);
    order("D-3", "UPS", "2020-01-20T12:00:00Z", "2020-01-18T00:00:00Z", "2020-01-22T00:00:00Z", 0, 0, 1);
    order("D-4", "UPS", "2020-01-25T12:00:00Z", "2020-01-23T00:00:00Z", "2020-01-27T00:00:00Z", 2, 0, 0);
    order("D-5", "UPS", "2020-01-28T12:00:00Z", "2020-01-26T00:00:00Z", null, 0, 0, 0);
    message("D-2", "delay-alert", "2020-01-11T12:00:00Z");
    message("D-3", "delay-alert", "2020-01-21T00:00:00Z");
    message("D-3", "delay-alert", "2020-01-21T06:00:00Z");
    message("D-5", "delay-alert", "2020-01-26T12:00:00Z");
    // What notify tells the orders module as it sends a delay alert: the first one is kept on the order.
    jdbc.sql("""
            UPDATE orders SET first_delay_alert_at = (SELECT MIN(m.sent_at) FROM outbox m
              WHERE m.order_id = orders.order_id AND m.template = 'delay-alert' AND m.status = 'SENT')
            WHERE order_id LIKE 'D-%'""").update();
    for (String id : new String[] {"D-1", "D-2", "D-3", "D-4"}) {
      message(id, "feedback-request", "2020-01-15T00:00:00Z");
    }
    feedback("D-1", 5, "Quick, thanks", "2020-01-11T10:00:00Z", "DHL", "ON_TIME", null, "MUG-01");
    feedback("D-2", 4, null, "2020-01-14T10:00:00Z", "DHL", "LATE_ALERTED", null, "TEA-07");
    feedback("D-4", 1, "No word, \"nothing\"", "2020-01-28T10:00:00Z", "UPS", "LATE_NOT_ALERTED",
        "2020-01-28T11:00:00Z", "MUG-01");
  }

  private void order(String id, String carrier, String deliverBy, String shippedAt, String deliveredAt, int delays,
      int failedAttempts, int exceptions) {
    Instant due = Instant.parse(deliverBy);
    jdbc.sql("""
            INSERT INTO orders (order_id, customer_email, customer_name, total, currency, locale, received_at, claimed_at,
              promised_ship_by, promised_deliver_by, carrier, shipped_at, delivered_at, delays_reported, failed_attempts,
              exceptions)
            VALUES (?, 'old@example.com', 'Old Order', 10, 'EUR', 'en', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, utc(due.minus(Duration.ofDays(5))), utc(due.minus(Duration.ofDays(5))),
            utc(due.minus(Duration.ofDays(2))), utc(due), carrier, utc(Instant.parse(shippedAt)),
            deliveredAt == null ? null : utc(Instant.parse(deliveredAt)), delays, failedAttempts, exceptions)
        .update();
  }

  private void message(String orderId, String template, String sentAt) {
    long key = keys.getAndIncrement();
    jdbc.sql("""
            INSERT INTO outbox (element_instance_key, channel, job_key, order_id, template, message_id, status,
                                attempts, created_at, sent_at)
            VALUES (?, 'email', ?, ?, ?, ?, 'SENT', 1, ?, ?)""")
        .params(key, key, orderId, template, "old-" + key, utc(Instant.parse(sentAt)), utc(Instant.parse(sentAt)))
        .update();
  }

  private void feedback(String orderId, int rating, String comment, String at, String carrier, String delivery,
      String ticketAt, String sku) {
    jdbc.sql("""
            INSERT INTO feedback (order_id, rating, comment, received_at, journey, locale, carrier, delivery_class,
                                  ticket_opened_at)
            VALUES (?, ?, ?, ?, 'post-purchase', 'en', ?, ?, ?)""")
        .params(orderId, rating, comment, utc(Instant.parse(at)), carrier, delivery,
            ticketAt == null ? null : utc(Instant.parse(ticketAt)))
        .update();
    jdbc.sql("INSERT INTO feedback_sku (order_id, sku) VALUES (?, ?)").params(orderId, sku).update();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
