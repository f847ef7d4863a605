package dev.journeys.scenarios;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.scenarios.Mailbox.Mail;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

/**
 * What customers of a shop with its own brand settings receive, in English and Chinese, through
 * the whole app: Shopify webhooks and the JSON API in, GreenMail on loopback out. Names in each
 * language's order, the shop's logo, colour and sender on every email, and a cancellation notice
 * that states what the shop configured and sells nothing, and one message per piece of news on the
 * customer's preferred channel.
 */
@JourneysAppTest
@SharedSmtp.Uses
@TestPropertySource(properties = {
  "journeys.shopify.webhook-secrets=" + ShopifyWebhooks.SECRET,
  "journeys.shop.name=Teahouse Lin",
  "journeys.shop.sender-name=Mei at Teahouse Lin",
  "journeys.shop.logo-url=https://cdn.teahouse.example/logo.png",
  "journeys.shop.brand-colour=#aa3300",
  "journeys.shop.cancellation-refund=original-payment-method"
})
class MessageContentScenarioTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private Shopify shopify;
  private Mailbox mail;

  @BeforeEach
  void connect() {
    shopify = new Shopify(port);
    mail = new Mailbox(SharedSmtp.server());
  }

  @Test
  void aChineseShopifyCustomerIsGreetedFamilyNameFirstAndTheCancellationSellsNothing() throws Exception {
    // Shopify sends first_name 静, last_name 李: she is 李静, not 静 李.
    Buyer jing = new Buyer(ShopifyWebhooks.newId(), "jing-" + ShopifyWebhooks.newId() + "@example.com",
        "静 李", "zh-CN", null);
    String id = ShopifyWebhooks.newId();
    Instant now = Instant.now();
    shopify.send("orders/create", shopify.orderCreated(id, jing, now));

    Mail confirmation = mail.awaitSubject(jing.email(), "您的订单 " + id + " 已确认");
    assertThat(confirmation.text()).startsWith("李静，您好：").doesNotContain("静 李");
    assertThat(confirmation.html()).contains("<p>李静，您好：</p>", "猜你喜欢");
    assertBranded(confirmation, "祝好！");
    assertThat(sender(jing.email())).isEqualTo("Mei at Teahouse Lin");

    shopify.send("orders/cancelled", shopify.orderCancelled(id, jing, now));

    Mail notice = mail.awaitSubject(jing.email(), "您的订单 " + id + " 已取消");
    assertThat(notice.text()).startsWith("李静，您好：")
        .contains("您的订单 " + id + " 已取消。如您已付款，退款将原路退回至您的付款账户。")
        .doesNotContain("猜你喜欢");
    assertThat(notice.html()).doesNotContain("class=\"recommendations\"", "猜你喜欢");
    assertBranded(notice, "祝好！");
  }

  @Test
  void anEnglishCustomerIsGreetedByTheirGivenName() {
    String id = OrderJson.newOrderId();
    String email = "ada-" + id.toLowerCase() + "@example.com";
    String order = OrderJson.order(id, email, "Ada Lovelace", "en").replace("\"name\": \"Ada Lovelace\"}",
        "\"name\": \"Ada Lovelace\", \"givenName\": \"Ada\", \"familyName\": \"Lovelace\"}");
    assertThat(new ShopClient(port).postOrder(order).getStatusCode()).isEqualTo(HttpStatus.CREATED);

    Mail confirmation = mail.awaitSubject(email, "Your order " + id + " is confirmed");
    assertThat(lines(confirmation.text())).startsWith("Hello Ada,\n").doesNotContain("Hello Ada Lovelace");
    assertThat(confirmation.html()).contains("<p>Hello Ada,</p>", "You might also like");
    assertBranded(confirmation, "Best wishes,");
  }

  @Test
  void anEnglishShopifyCancellationStatesTheConfiguredRefundAndSellsNothing() {
    Buyer ada = new Buyer(ShopifyWebhooks.newId(), "ada-" + ShopifyWebhooks.newId() + "@example.com",
        "Ada Lovelace", "en", null);
    String id = ShopifyWebhooks.newId();
    Instant now = Instant.now();
    shopify.send("orders/create", shopify.orderCreated(id, ada, now));
    assertThat(mail.awaitSubject(ada.email(), "Your order " + id + " is confirmed").text()).startsWith("Hello Ada,");

    shopify.send("orders/cancelled", shopify.orderCancelled(id, ada, now));

    Mail notice = mail.awaitSubject(ada.email(), "Your order " + id + " has been cancelled");
    assertThat(notice.text()).startsWith("Hello Ada,")
        .contains("Your order " + id + " has been cancelled. If you have already paid, the refund goes back"
            + " to your original payment method.")
        .doesNotContain("You might also like");
    assertThat(notice.html()).doesNotContain("class=\"recommendations\"", "You might also like");
    assertBranded(notice, "Best wishes,");
  }

  @ParameterizedTest
  @CsvSource({"en, has shipped", "zh-CN, 已发货"})
  void aShippingUpdateToACustomerWhoAlsoTakesSmsIsOneEmail(String locale, String shipped) {
    // The journey's step lists email,sms,push: she can receive the first, so that is the one message.
    String id = OrderJson.newOrderId();
    String email = "sms-too-" + id.toLowerCase() + "@example.com";
    String order = OrderJson.order(id, email, "Ada Lovelace", locale).replace("\"name\": \"Ada Lovelace\"}",
        "\"name\": \"Ada Lovelace\", \"phone\": \"+4915112345678\", \"country\": \"DE\","
            + " \"marketingConsent\": {\"sms\": true}}");
    assertThat(new ShopClient(port).postOrder(order).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    mail.awaitSubject(email, locale.equals("en") ? "Your order " + id + " is confirmed" : "您的订单 " + id + " 已确认");

    new Shop(port).reportShipment(id, "SHIPPED", "scan-" + id);

    Mail update = awaitSecondMail(email);
    assertThat(update.subject()).contains(shipped);
    awaitDuring(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(jdbc.sql("SELECT template || ' ' || channel FROM outbox WHERE order_id = ? ORDER BY created_at")
            .param(id).query(String.class).list())
            .containsExactly("order-confirmation email", "shipping-update email"));
    assertThat(mail.to(email)).hasSize(2);
  }

  private Mail awaitSecondMail(String email) {
    return await().atMost(Duration.ofSeconds(30)).until(() -> mail.to(email), m -> m.size() > 1).get(1);
  }

  private static void assertBranded(Mail mail, String signOff) {
    assertThat(mail.html())
        .contains("<img src=\"https://cdn.teahouse.example/logo.png\" alt=\"Teahouse Lin\"")
        .contains("border-bottom: 3px solid #aa3300;", "<span>Mei at Teahouse Lin</span>");
    assertThat(lines(mail.text())).contains(signOff + "\nMei at Teahouse Lin");
  }

  /** SMTP carries CRLF line ends. */
  private static String lines(String text) {
    return text.replace("\r\n", "\n");
  }

  /** The From display name of the latest email to this address. */
  private static String sender(String address) throws Exception {
    MimeMessage latest = Arrays.stream(SharedSmtp.server().getReceivedMessages())
        .filter(m -> {
          try {
            return ((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(address);
          } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
          }
        })
        .reduce((a, b) -> b).orElseThrow();
    return ((InternetAddress) latest.getFrom()[0]).getPersonal();
  }
}
