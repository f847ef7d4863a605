package dev.journeys.reliability;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.JourneysAppTest;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Delivery;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Input an attacker or a broken shop could send: never a 5xx, never evaluated, never a second effect,
 * and nothing already accepted lost.
 */
@JourneysAppTest
class HostileInputTest {

  static final String INJECTION = "${7*7} {{7*7}} [[${7*7}]] <script>alert(1)</script>";

  static final int SMTP_PORT = AppProcess.freePort();

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @DynamicPropertySource
  static void settings(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP_PORT);
    String[] secrets = ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2);
    registry.add(secrets[0], () -> secrets[1]);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired CamundaClient camunda;

  @Test
  void templateSyntaxAndMarkupInNamesAreShownAsTextNeverEvaluated() throws Exception {
    String orderId = OrderJson.newOrderId();
    String email = "injection-" + orderId.toLowerCase() + "@example.com";
    String body = OrderJson.order(orderId, email, INJECTION.replace("\"", "\\\""), "en")
        .replace("Blue mug", INJECTION);

    ResponseEntity<Map<String, Object>> answer = new ShopClient(port).postOrder(body);

    assertThat(answer.getStatusCode().value()).isEqualTo(201);
    MimeMessage confirmation = awaitMessage(email);
    String raw = GreenMailUtil.getWholeMessage(confirmation);
    String html = htmlPart(confirmation);
    assertThat(confirmation.getSubject()).contains(orderId);
    assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>");
    assertThat(html).contains("${7*7}").contains("{{7*7}}").doesNotContain(">49<").doesNotContain(" 49 ");
    // In the header the name is a quoted display name of the one recipient, not markup.
    assertThat(confirmation.getAllRecipients()).singleElement()
        .satisfies(to -> assertThat(((jakarta.mail.internet.InternetAddress) to).getAddress()).isEqualTo(email));
    assertThat(raw).doesNotContain("\r\nBcc");
  }

  @Test
  void aLineBreakInAnEmailAddressIsRefusedNamingTheFieldAndStoresNothing() {
    String orderId = OrderJson.newOrderId();
    String body = OrderJson.order(orderId, "jane@example.com\\r\\nBcc: mallory@example.com", "Jane", "en");

    ResponseEntity<Map<String, Object>> answer = new ShopClient(port).postOrder(body);

    assertThat(answer.getStatusCode().value()).isEqualTo(400);
    assertThat(answer.getBody().toString()).contains("customer.email");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE order_id = ?").param(orderId).query(Long.class).single())
        .isZero();
    assertThat(smtp.getReceivedMessagesForDomain("mallory@example.com")).isEmpty();
  }

  @Test
  void aThousandReplaysOfOneWebhookAreAllAnsweredAndHaveOneEffect() throws Exception {
    String orderId = ShopifyWebhooks.newId();
    String email = "replayed-" + orderId + "@example.com";
    Delivery delivery = Delivery.of("orders/create", ShopifyWebhooks.payload("orders-create.json",
        Map.of("5830174523581", orderId, "7391024578237", ShopifyWebhooks.newId(),
            // placed now: an order from the fixture's date is too old to confirm (stale-after)
            "2025-03-14T09:26:53+01:00", java.time.Instant.now().toString(), "mei.lin@example.com", email)));
    ShopifyWebhooks shopify = new ShopifyWebhooks(port);

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      statuses.add(shopify.send(delivery).status());
    }
    // The same change delivered under a new webhook id is the same event.
    statuses.add(shopify.send(delivery.withWebhookId("another-delivery-" + orderId)).status());

    assertThat(statuses).allSatisfy(status -> assertThat(status).isEqualTo(200));
    assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox WHERE order_id = ? AND topic = 'orders/create'")
        .param(orderId).query(Long.class).single()).isOne();
    awaitMessage(email);
    Thread.sleep(1_000);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE order_id = ? AND template = 'order-confirmation'")
        .param(orderId).query(Long.class).single()).isOne();
    assertThat(messageIds(email)).doesNotHaveDuplicates();
  }

  @Test
  void aShopifyOrderWithAnUnusableEmailAddressIsNeverA5xxAndLeavesNoIncident() {
    String orderId = ShopifyWebhooks.newId();
    String body = ShopifyWebhooks.payload("orders-create.json",
        Map.of("5830174523581", orderId, "7391024578237", ShopifyWebhooks.newId(),
            // placed now: an order from the fixture's date is too old to confirm (stale-after)
            "2025-03-14T09:26:53+01:00", java.time.Instant.now().toString(),
            "mei.lin@example.com", "mei.lin@example.com\\r\\nBcc: mallory@example.com"));

    int status = new ShopifyWebhooks(port).send("orders/create", body).status();

    assertThat(status).isLessThan(500);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(jdbc.sql("SELECT state FROM inbox WHERE order_id = ? AND topic = 'orders/create'")
            .param(orderId).query(String.class).single()).isIn("DONE", "PARKED"));
    // Its journey, if one started, settles the confirmation (sent or skipped) instead of failing.
    awaitDuring(Duration.ofSeconds(3)).untilAsserted(() ->
        assertThat(camunda.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE)).send().join().items())
            .as("open incidents").isEmpty());
    assertThat(jdbc.sql("SELECT status, reason FROM outbox WHERE order_id = ? AND template = 'order-confirmation' AND channel = 'email'")
        .param(orderId).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single())
        .isEqualTo("SKIPPED invalid-address");
    assertThat(smtp.getReceivedMessagesForDomain("mallory@example.com")).isEmpty();
  }

  private static MimeMessage awaitMessage(String email) {
    List<MimeMessage> found = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      found.clear();
      found.addAll(List.of(smtp.getReceivedMessagesForDomain(email)));
      assertThat(found).isNotEmpty();
    });
    return found.getFirst();
  }

  private static List<String> messageIds(String email) throws Exception {
    List<String> ids = new ArrayList<>();
    for (MimeMessage message : smtp.getReceivedMessagesForDomain(email)) {
      ids.add(message.getMessageID());
    }
    return ids;
  }

  private static String htmlPart(MimeMessage message) throws Exception {
    var multipart = (jakarta.mail.internet.MimeMultipart) message.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      var part = multipart.getBodyPart(i);
      if (part.isMimeType("text/html")) {
        return (String) part.getContent();
      }
    }
    throw new AssertionError("Expected an HTML part, but found none");
  }
}
