package dev.journeys.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The mail server and the SMS provider going away for a while, with the whole app in this JVM:
 * sends fail and are retried with backoff, and once the server is back every message arrives
 * exactly once and no incident is left. The outages are short (a few seconds) and fit in the retry
 * budget a journey's task has: 5 retries, {@code journeys.notify.retry-backoff} apart (2 s here,
 * 10 s by default). docs/RELIABILITY.md says what happens to a longer one.
 */
@JourneysAppTest
@TestPropertySource(properties = {
  "journeys.notify.retry-backoff=2s",
  "journeys.sms.timeout=1s",
  // SMS are held in quiet hours; these tests run at any hour.
  "journeys.notify.quiet-hours.sms.enabled=false"
})
class OutageTest {

  static final String ACCOUNT = "AC0123456789";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    provider.start();
  }

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("journeys.sms.base-url", provider::baseUrl);
    registry.add("journeys.sms.account-sid", () -> ACCOUNT);
    registry.add("journeys.sms.auth-token", () -> "secret");
    registry.add("journeys.sms.from", () -> "+15005550006");
  }

  @AfterAll
  static void stopProvider() {
    provider.stop();
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;

  private JourneyProbe probe;

  @BeforeEach
  void reset() {
    probe = new JourneyProbe(camunda, jdbc);
    provider.resetAll();
  }

  @Test
  void mailServerDownThenUpEveryConfirmationArrivesOnceWithoutIncident() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    List<String> orders = new ArrayList<>();
    smtp.stop();
    try {
      for (int i = 0; i < 5; i++) {
        String orderId = OrderJson.newOrderId();
        orders.add(orderId);
        new ShopClient(port).postOrder(OrderJson.order(orderId, "outage-" + run + "@example.com", "Jane", "en"));
      }
      // Every confirmation has been tried and failed at least once while the server is away.
      await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts(orders) >= orders.size());
      Thread.sleep(3_000);
    } finally {
      smtp.start();
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(messageIds("outage-" + run + "@example.com")).hasSize(orders.size()));
    Thread.sleep(2_000);
    assertThat(messageIds("outage-" + run + "@example.com")).as("copies per Message-ID")
        .allSatisfy((id, copies) -> assertThat(copies).isOne());
    assertThat(jdbc.sql("SELECT MAX(attempts) FROM outbox WHERE order_id IN (:ids)").param("ids", orders)
        .query(Integer.class).single()).as("attempts of the slowest confirmation").isGreaterThan(1);
    assertThat(openIncidents()).isEmpty();
  }

  @Test
  void smsProviderAnswering503Then429ThenOkDeliversEachSmsOnce() throws Exception {
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(sendSms("0151 2345670" + i));
    }
    // Each SMS is refused twice with 503 (its retries wait longer each time), then once or twice
    // with 429 and Retry-After, then accepted: four failures at most, within the task's 5 retries.
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> count(503) >= 6);
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\"}")));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> count(429) >= 3);
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created()));

    instances.forEach(probe::awaitCompleted);
    Map<String, Long> accepted = acceptedPerRecipient();
    assertThat(accepted).hasSize(3).allSatisfy((to, n) -> assertThat(n).isOne());
    assertThat(statuses()).contains(503, 429);
    assertThat(openIncidents()).isEmpty();
  }

  /**
   * The provider accepts the SMS but answers after our timeout: we cannot tell that from a lost
   * request, so the retry sends it again. A Twilio-style API takes no idempotency key, so this is a
   * duplicate the customer sees; the test pins the count (one extra per timed-out answer).
   */
  @Test
  void aProviderAnsweringAfterTheTimeoutGetsTheSmsTwice() {
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(created().withFixedDelay(2_500)).willSetStateTo("fast"));
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(created()));

    probe.awaitCompleted(sendSms("0151 23456799"));

    assertThat(acceptedPerRecipient()).containsExactly(Map.entry("+4915123456799", 2L));
    assertThat(openIncidents()).isEmpty();
  }

  private long sendSms(String phone) {
    String orderId = OrderJson.newOrderId();
    String customerId = "c-" + orderId;
    new ShopClient(port).postOrder(OrderJson.order(orderId, "sms-" + orderId.toLowerCase() + "@example.com", "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, "sms-" + orderId.toLowerCase() + "@example.com",
        phone, "Jane", "en", "UTC", "DE"));
    customers.recordConsent(customerId, MarketingChannel.SMS, true, Instant.parse("2030-01-01T00:00:00Z"), "api");
    String id = "outage-sms-" + UUID.randomUUID().toString().substring(0, 8);
    probe.deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeJobRetries("5")
            .zeebeTaskHeader("template", "shipping-update")
            .zeebeTaskHeader("channels", "sms")
            .zeebeTaskHeader("purpose", "transactional"))
        .endEvent().done());
    return probe.start(id, Map.of("orderId", orderId, "customerId", customerId, "shipmentStatus", "SHIPPED"));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}");
  }

  /** Recipients of the requests the provider answered 201, counted: what was really sent. */
  private static Map<String, Long> acceptedPerRecipient() {
    return provider.getAllServeEvents().stream()
        .filter(e -> e.getResponse().getStatus() == 201)
        .map(e -> form(e.getRequest().getBodyAsString()).get("To"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static long count(int status) {
    return statuses().stream().filter(s -> s == status).count();
  }

  private static List<Integer> statuses() {
    return provider.getAllServeEvents().stream().map(ServeEvent::getResponse).map(r -> r.getStatus()).toList();
  }

  private int failedAttempts(List<String> orders) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE order_id IN (:ids) AND last_error IS NOT NULL")
        .param("ids", orders).query(Integer.class).single();
  }

  private List<String> openIncidents() {
    return jdbc.sql("SELECT error_message FROM engine_incident").query(String.class).list();
  }

  private static Map<String, Long> messageIds(String email) {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .map(OutageTest::messageId)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(
            p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> b));
  }
}
