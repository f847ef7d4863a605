package dev.journeys.notify;

import static dev.journeys.Awaits.awaitDuring;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * SMS through the whole app: send-message tasks listing sms and email, WireMock as the
 * Twilio-compatible provider, the email sandbox, and a wall clock the test moves.
 */
@JourneysAppTest
class SmsDeliveryTest {

  static final String ACCOUNT = "AC0123456789";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
  /** 17:00 in Berlin, 11:00 in New York, 23:00 in Shanghai. */
  static final Instant AFTERNOON_IN_BERLIN = Instant.parse("2030-06-03T15:00:00Z");

  static {
    provider.start();
  }

  @DynamicPropertySource
  static void smsProvider(DynamicPropertyRegistry registry) {
    registry.add("journeys.sms.base-url", provider::baseUrl);
    registry.add("journeys.sms.account-sid", () -> ACCOUNT);
    registry.add("journeys.sms.auth-token", () -> "secret");
    registry.add("journeys.sms.from", () -> "+15005550006");
    registry.add("journeys.sms.status-callback-url", () -> "https://journeys.test/api/sms/status");
    registry.add("journeys.notify.held-poll-interval", () -> "200ms");
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(AFTERNOON_IN_BERLIN);
    }
  }

  @AfterAll
  static void stopProvider() {
    provider.stop();
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;
  @Autowired MutableClock clock;

  private JourneyProbe probe;
  private String orderId;
  private String customerId;

  @BeforeEach
  void anOrder() {
    clock.set(AFTERNOON_IN_BERLIN);
    provider.resetAll();
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}")));
    probe = new JourneyProbe(camunda, jdbc);
    orderId = OrderJson.newOrderId();
    customerId = "c-" + orderId;
    new ShopClient(port).postOrder(OrderJson.order(orderId, "sms-" + orderId.toLowerCase() + "@example.com", "Jane", "en"));
  }

  @Test
  void anOptedInCustomerGetsTheSmsInE164AndTheEmail() {
    customer("0151 23456789", "DE", "Europe/Berlin", true);

    long instance = shippingUpdate();

    probe.awaitCompleted(instance);
    List<LoggedRequest> sent = provider.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(sent).hasSize(1);
    Map<String, String> form = form(sent.get(0).getBodyAsString());
    assertThat(form).containsEntry("To", "+4915123456789").containsEntry("From", "+15005550006")
        .containsEntry("StatusCallback", "https://journeys.test/api/sms/status");
    assertThat(form.get("Body")).startsWith("Your order " + orderId + " has shipped.").contains("Track: https://");
    assertThat(sent.get(0).getHeader("Authorization")).startsWith("Basic ");
    assertThat(decisions()).contains("shipping-update sms SENT null", "shipping-update email SENT null");
  }

  @Test
  void withoutSmsConsentTheSmsIsSkippedAndTheEmailStillSent() {
    customer("0151 23456789", "DE", "Europe/Berlin", false);

    probe.awaitCompleted(shippingUpdate());

    assertThat(decisions()).contains("shipping-update sms SKIPPED no-sms-consent", "shipping-update email SENT null");
    provider.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void anInvalidNumberIsSkippedAsUndeliverable() {
    customer("030 12345678", "DE", "Europe/Berlin", true);

    probe.awaitCompleted(shippingUpdate());

    assertThat(decisions()).contains("shipping-update sms SKIPPED undeliverable: not-a-mobile (fixed_line)");
    provider.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
  }

  @Test
  void aRateLimitIsRetriedAfterRetryAfter() {
    customer("0151 23456789", "DE", "Europe/Berlin", true);
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
            .withBody("{\"code\":20429,\"message\":\"Too Many Requests\"}"))
        .willSetStateTo("calm"));

    probe.awaitCompleted(shippingUpdate());

    provider.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(decisions()).contains("shipping-update sms SENT null");
    assertThat(jdbc.sql("SELECT attempts, last_error FROM outbox WHERE order_id = ? AND channel = 'sms'")
        .param(orderId).query((rs, n) -> rs.getInt(1) + " " + rs.getString(2)).single()).isEqualTo("2 null");
  }

  @Test
  void aPermanentRefusalIsRecordedWithTheProvidersCode() {
    customer("0151 23456789", "DE", "Europe/Berlin", true);
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
        .withBody("{\"code\":21211,\"message\":\"The 'To' number +4915123456789 is not a valid phone number.\",\"status\":400}")));

    probe.awaitCompleted(shippingUpdate());

    provider.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    assertThat(jdbc.sql("SELECT status, last_error FROM outbox WHERE order_id = ? AND channel = 'sms'")
        .param(orderId).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single())
        .startsWith("REJECTED HTTP 400, code 21211:").doesNotContain("15123456789");
  }

  @Test
  void quietHoursHoldAnSmsUntilEightInTheMorningInTwoTimeZones() {
    // 23:00 in Shanghai: held until 08:00 there (00:00 UTC), while the email goes out now.
    customer("138 0013 8000", "CN", "Asia/Shanghai", true);
    probe.awaitCompleted(shippingUpdate());
    assertThat(decisions()).contains("shipping-update sms HELD quiet-hours 2030-06-04T00:00:00Z",
        "shipping-update email SENT null");
    String shanghai = orderId;

    // 22:30 in Los Angeles the same evening (05:30 UTC the next day): held until 08:00 there.
    anOrder();
    clock.set(Instant.parse("2030-06-04T05:30:00Z"));
    customer("(415) 555-2671", "US", "America/Los_Angeles", true);
    probe.awaitCompleted(shippingUpdate());
    assertThat(decisions()).contains("shipping-update sms HELD quiet-hours 2030-06-04T15:00:00Z");
    // Already past Shanghai's 08:00: that one goes out now, exactly once, and Los Angeles' waits.
    await().atMost(Duration.ofSeconds(10)).until(() -> provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size() == 1);
    assertThat(recipients()).containsExactly("+8613800138000");

    clock.set(Instant.parse("2030-06-04T15:00:00Z"));
    await().atMost(Duration.ofSeconds(10)).until(() -> provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size() == 2);
    assertThat(recipients()).containsExactlyInAnyOrder("+8613800138000", "+14155552671");
    // The provider has it; the outbox records it as sent once its answer is read.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(decisions()).contains("shipping-update sms SENT quiet-hours 2030-06-04T15:00:00Z"));
    orderId = shanghai;
    assertThat(decisions()).contains("shipping-update sms SENT quiet-hours 2030-06-04T00:00:00Z");
    // Nothing more comes from later polls.
    clock.set(Instant.parse("2030-06-05T15:00:00Z"));
    awaitDuring(Duration.ofSeconds(1))
        .until(() -> provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))).size() == 2);
  }

  private void customer(String phone, String country, String zone, boolean smsConsent) {
    customers.recordContact(new ContactDetails(customerId, "sms-" + orderId.toLowerCase() + "@example.com",
        phone, "Jane", "en", zone, country));
    customers.recordConsent(customerId, MarketingChannel.SMS, smsConsent, Instant.parse("2030-01-01T00:00:00Z"), "api");
  }

  private long shippingUpdate() {
    String id = "test-sms-" + UUID.randomUUID().toString().substring(0, 8);
    probe.deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeJobRetries("3")
            .zeebeTaskHeader("template", "shipping-update")
            .zeebeTaskHeader("channels", "sms,email")
            // Both channels: each test sees what SMS and email each decided.
            .zeebeTaskHeader("channel-choice", "all")
            .zeebeTaskHeader("purpose", "transactional"))
        .endEvent().done());
    return probe.start(id, Map.of("orderId", orderId, "customerId", customerId, "shipmentStatus", "SHIPPED"));
  }

  /** "template channel status reason [heldUntil]" per outbox row, through GET /api/outbox. */
  private List<String> decisions() {
    List<Map<String, Object>> rows = RestClient.create("http://127.0.0.1:" + port).get()
        .uri("/api/outbox?orderId={id}", orderId)
        .header(org.springframework.http.HttpHeaders.AUTHORIZATION,
            dev.journeys.TestCredentials.bearer(dev.journeys.TestCredentials.VIEWER_TOKEN)).retrieve()
        .body(new ParameterizedTypeReference<>() {});
    return rows.stream().map(r -> (r.get("template") + " " + r.get("channel") + " " + r.get("status") + " "
        + r.get("reason") + (r.get("heldUntil") == null ? "" : " " + r.get("heldUntil"))).strip()).toList();
  }

  private static List<String> recipients() {
    return provider.findAll(postRequestedFor(urlEqualTo(MESSAGES))).stream()
        .map(r -> form(r.getBodyAsString()).get("To")).toList();
  }

  private static Map<String, String> form(String body) {
    return java.util.Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
        .collect(java.util.stream.Collectors.toMap(
            p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }
}
