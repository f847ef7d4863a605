package dev.journeys.notify.whatsapp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WhatsApp through the whole app, with WireMock as the Twilio-compatible provider: the content
 * template and its variables sent, status callbacks signed and applied, the customer's own WhatsApp
 * opt-in, and quiet hours.
 */
@JourneysAppTest
@Import(WhatsAppTest.Clocks.class)
class WhatsAppTest {

  static final String ACCOUNT = "AC00000000000000000000000000000077";
  static final String AUTH_TOKEN = "whatsapp-test-token";
  static final String PUBLIC_BASE = "https://journeys.example.net/shop-w";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final String STATUS_PATH = "/webhooks/whatsapp/status";
  static final String SHIPPING_EN = "HX0123456789abcdef0123456789abcdef";
  static final String SHIPPING_ZH = "HXfedcba9876543210fedcba9876543210";
  /** 17:00 in Berlin. */
  static final Instant AFTERNOON = Instant.parse("2030-06-03T15:00:00Z");
  static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    provider.start();
    Runtime.getRuntime().addShutdownHook(new Thread(provider::stop));
  }

  @DynamicPropertySource
  static void whatsapp(DynamicPropertyRegistry registry) {
    registry.add("journeys.notify.whatsapp.enabled", () -> "true");
    registry.add("journeys.notify.whatsapp.base-url", provider::baseUrl);
    registry.add("journeys.notify.whatsapp.account-sid", () -> ACCOUNT);
    registry.add("journeys.notify.whatsapp.auth-token", () -> AUTH_TOKEN);
    registry.add("journeys.notify.whatsapp.from", () -> "+14155238886");
    registry.add("journeys.notify.whatsapp.templates.shipping-update.en", () -> SHIPPING_EN);
    registry.add("journeys.notify.whatsapp.templates.shipping-update.zh-CN", () -> SHIPPING_ZH);
    registry.add("journeys.public-base-url", () -> PUBLIC_BASE);
    registry.add("journeys.notify.held-poll-interval", () -> "200ms");
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    WhatsAppTestSupport.MovableClock testClock() {
      return new WhatsAppTestSupport.MovableClock(AFTERNOON);
    }
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;
  @Autowired WhatsAppTestSupport.MovableClock clock;

  JourneyProbe probe;
  String orderId;
  String customerId;

  @BeforeEach
  void anOrder() {
    clock.set(AFTERNOON);
    provider.resetAll();
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withTransformers("response-template")
        .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\"}")));
    probe = new JourneyProbe(camunda, jdbc);
    orderId = OrderJson.newOrderId();
    customerId = "c-" + orderId;
    String email = "wa-" + orderId.toLowerCase().replaceAll("[^a-z0-9]", "") + "@example.com";
    new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, email, "0151 23456789", "Jane", "en", "Europe/Berlin", "DE"));
  }

  void optIn(MarketingChannel channel, boolean granted) {
    customers.recordConsent(customerId, channel, granted, Instant.parse("2030-01-01T00:00:00Z"), "api");
  }

  @Test
  void sendsTheApprovedContentTemplateToTheCustomersWhatsAppNumber() throws Exception {
    optIn(MarketingChannel.WHATSAPP, true);

    WhatsAppTestSupport.step(probe, "shipping-update", "whatsapp", "transactional", orderId, customerId);

    assertThat(sent()).hasSize(1);
    LoggedRequest request = sent().get(0);
    assertThat(request.getHeader("Authorization")).startsWith("Basic ");
    Map<String, String> form = WhatsAppTestSupport.form(request.getBodyAsString());
    assertThat(form).containsEntry("To", "whatsapp:+4915123456789")
        .containsEntry("From", "whatsapp:+14155238886")
        .containsEntry("ContentSid", SHIPPING_EN)
        .containsEntry("StatusCallback", PUBLIC_BASE + STATUS_PATH)
        // A business-initiated message is the approved template; free text would be refused.
        .doesNotContainKey("Body");
    Map<String, Object> variables = new ObjectMapper().readValue(form.get("ContentVariables"),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {});
    assertThat(variables.keySet()).containsExactly("1", "2", "3");
    assertThat(variables.get("1")).isEqualTo(orderId);
    assertThat(variables.get("2")).isEqualTo("has shipped");
    assertThat((String) variables.get("3")).startsWith("http");
    Map<String, Object> row = row();
    assertThat(row).containsEntry("STATUS", "SENT").containsEntry("DELIVERY_STATUS", "queued");
    assertThat((String) row.get("PROVIDER_MESSAGE_ID")).startsWith("SM");
  }

  @Test
  void theCustomersLocaleChoosesItsApprovedTemplate() throws Exception {
    optIn(MarketingChannel.WHATSAPP, true);
    customers.recordContact(new ContactDetails(customerId, null, "0151 23456789", "Jane", "zh-CN", "Europe/Berlin", "DE"));

    WhatsAppTestSupport.step(probe, "shipping-update", "whatsapp", "transactional", orderId, customerId);

    Map<String, String> form = WhatsAppTestSupport.form(sent().get(0).getBodyAsString());
    assertThat(form).containsEntry("ContentSid", SHIPPING_ZH);
    assertThat(new ObjectMapper().readValue(form.get("ContentVariables"), Map.class)).containsEntry("2", "已发货");
  }

  @Test
  void statusCallbacksMoveTheDeliveryStatusForward() throws Exception {
    optIn(MarketingChannel.WHATSAPP, true);
    WhatsAppTestSupport.step(probe, "shipping-update", "whatsapp", "transactional", orderId, customerId);
    String sid = (String) row().get("PROVIDER_MESSAGE_ID");

    assertThat(status(sid, "delivered").statusCode()).isEqualTo(200);
    assertThat(row()).containsEntry("DELIVERY_STATUS", "delivered");
    // Out of order: a late "sent" does not undo "delivered", and "read" is WhatsApp's last word.
    assertThat(status(sid, "sent").statusCode()).isEqualTo(200);
    assertThat(row()).containsEntry("DELIVERY_STATUS", "delivered");
  }

  @Test
  void aCallbackNotSignedWithTheWhatsAppAuthTokenIsRefused() throws Exception {
    optIn(MarketingChannel.WHATSAPP, true);
    WhatsAppTestSupport.step(probe, "shipping-update", "whatsapp", "transactional", orderId, customerId);
    String sid = (String) row().get("PROVIDER_MESSAGE_ID");
    Map<String, String> form = Map.of("MessageSid", sid, "MessageStatus", "failed", "ErrorCode", "63016");

    HttpResponse<String> wrongToken = WhatsAppTestSupport.post(port, STATUS_PATH, form,
        WhatsAppTestSupport.sign("another-token", PUBLIC_BASE + STATUS_PATH, form));
    HttpResponse<String> unsigned = WhatsAppTestSupport.post(port, STATUS_PATH, form, null);

    assertThat(wrongToken.statusCode()).isEqualTo(403);
    assertThat(wrongToken.body()).contains("X-Twilio-Signature");
    assertThat(unsigned.statusCode()).isEqualTo(403);
    assertThat(row()).containsEntry("DELIVERY_STATUS", "queued");
  }

  @Test
  void withoutTheWhatsAppOptInNothingIsSentThereEvenWithSmsConsent() {
    optIn(MarketingChannel.SMS, true);
    optIn(MarketingChannel.WHATSAPP, false);

    WhatsAppTestSupport.step(probe, "shipping-update", "whatsapp", "transactional", orderId, customerId);

    assertThat(sent()).isEmpty();
    assertThat(row()).containsEntry("STATUS", "SKIPPED").containsEntry("REASON", "no-whatsapp-consent");
    // Transactional news still reaches the customer: by email, as for any channel they cannot get.
    assertThat(jdbc.sql("SELECT status FROM outbox WHERE order_id = ? AND channel = 'email' AND template = 'shipping-update'")
        .param(orderId).query(String.class).list()).containsExactly("SENT");
  }

  @Test
  void quietHoursHoldTheMessageUntilMorningInTheCustomersZone() {
    optIn(MarketingChannel.WHATSAPP, true);
    clock.set(Instant.parse("2030-06-03T21:30:00Z")); // 23:30 in Berlin

    WhatsAppTestSupport.step(probe, "shipping-update", "whatsapp", "transactional", orderId, customerId);

    assertThat(sent()).isEmpty();
    assertThat(row()).containsEntry("STATUS", "HELD").containsEntry("REASON", "quiet-hours");
    assertThat(((java.time.OffsetDateTime) row().get("HELD_UNTIL")).toInstant())
        .isEqualTo(Instant.parse("2030-06-04T06:00:00Z")); // 08:00 in Berlin

    clock.set(Instant.parse("2030-06-04T06:01:00Z"));
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(sent()).hasSize(1));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(row()).containsEntry("STATUS", "SENT"));
  }

  private HttpResponse<String> status(String sid, String status) throws Exception {
    Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("MessageSid", sid, "MessageStatus", status));
    return WhatsAppTestSupport.post(port, STATUS_PATH, form,
        WhatsAppTestSupport.sign(AUTH_TOKEN, PUBLIC_BASE + STATUS_PATH, form));
  }

  private List<LoggedRequest> sent() {
    return provider.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
  }

  private Map<String, Object> row() {
    return jdbc.sql("""
            SELECT status, reason, delivery_status, provider_message_id, held_until
            FROM outbox WHERE order_id = ? AND channel = 'whatsapp'""")
        .param(orderId).query().singleRow();
  }
}
