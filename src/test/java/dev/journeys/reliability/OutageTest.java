package dev.journeys.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.journeys.reliability.OutageServers.acceptedPerRecipient;
import static dev.journeys.reliability.OutageServers.count;
import static dev.journeys.reliability.OutageServers.failedAttempts;
import static dev.journeys.reliability.OutageServers.messageIds;
import static dev.journeys.reliability.OutageServers.openIncidents;
import static dev.journeys.reliability.OutageServers.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.Customers;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

  static final String MESSAGES = OutageServers.MESSAGES;
  static final WireMockServer provider = OutageServers.startProvider();

  @RegisterExtension
  static final GreenMailExtension smtp = OutageServers.mailServer();

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    OutageServers.register(registry, smtp, provider);
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
      await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts(jdbc, orders) >= orders.size());
      Thread.sleep(3_000);
    } finally {
      smtp.start();
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(messageIds(smtp, "outage-" + run + "@example.com")).hasSize(orders.size()));
    Thread.sleep(2_000);
    assertThat(messageIds(smtp, "outage-" + run + "@example.com")).as("copies per Message-ID")
        .allSatisfy((id, copies) -> assertThat(copies).isOne());
    assertThat(jdbc.sql("SELECT MAX(attempts) FROM outbox WHERE order_id IN (:ids)").param("ids", orders)
        .query(Integer.class).single()).as("attempts of the slowest confirmation").isGreaterThan(1);
    assertThat(openIncidents(jdbc)).isEmpty();
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
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> count(provider, 503) >= 6);
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\"}")));
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> count(provider, 429) >= 3);
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(OutageServers.created()));

    instances.forEach(probe::awaitCompleted);
    Map<String, Long> accepted = acceptedPerRecipient(provider);
    assertThat(accepted).hasSize(3).allSatisfy((to, n) -> assertThat(n).isOne());
    assertThat(statuses(provider)).contains(503, 429);
    assertThat(openIncidents(jdbc)).isEmpty();
  }

  /**
   * The provider accepts the SMS but answers after our timeout: we cannot tell that from a lost
   * request, so the retry sends it again. A Twilio-style API takes no idempotency key, so this is a
   * duplicate the customer sees; the test pins the count (one extra per timed-out answer).
   */
  @Test
  void aProviderAnsweringAfterTheTimeoutGetsTheSmsTwice() {
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(OutageServers.created().withFixedDelay(2_500)).willSetStateTo("fast"));
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(OutageServers.created()));

    probe.awaitCompleted(sendSms("0151 23456799"));

    assertThat(acceptedPerRecipient(provider)).containsExactly(Map.entry("+4915123456799", 2L));
    assertThat(openIncidents(jdbc)).isEmpty();
  }

  private long sendSms(String phone) {
    return OutageServers.sendSms(port, customers, probe, phone, "outage-sms-", 5);
  }

}
