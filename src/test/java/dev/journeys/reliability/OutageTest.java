package dev.journeys.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.journeys.reliability.OutageServers.acceptedPerRecipient;
import static dev.journeys.reliability.OutageServers.count;
import static dev.journeys.reliability.OutageServers.failedAttempts;
import static dev.journeys.reliability.OutageServers.messageIds;
import static dev.journeys.reliability.OutageServers.openIncidents;
import static dev.journeys.reliability.OutageServers.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
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
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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
  // Short, so the slow provider below is past it; long enough for a busy machine's quick answer.
  "journeys.sms.timeout=2s",
  // SMS are held in quiet hours; these tests run at any hour.
  "journeys.notify.quiet-hours.sms.enabled=false"
})
class OutageTest {

  static final String MESSAGES = OutageServers.MESSAGES;
  static final ProviderMessages providerMessages = new ProviderMessages();
  static final WireMockServer provider = OutageServers.startProvider(providerMessages);

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
    providerMessages.clear();
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
    // Prepared first and started together, so that the 503s counted below are spread over the three
    // (on a busy machine preparing one takes seconds).
    List<OutageServers.PreparedSms> prepared = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      prepared.add(OutageServers.prepareSms(port, customers, probe, "0151 2345670" + i, "outage-sms-", 5));
    }
    List<Long> instances = new ArrayList<>();
    prepared.forEach(sms -> instances.add(sms.start(probe)));
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
   * The provider takes the SMS but answers after our timeout: we cannot tell that from a lost
   * request, and a Twilio-style API takes no idempotency key. So the retry first lists the
   * provider's latest messages to the number, finds it there, and records it as sent: one SMS.
   */
  @Test
  void aProviderAnsweringAfterTheTimeoutIsAskedFirstAndTheSmsIsNotSentAgain() {
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFixedDelay(5_000).withTransformers(ProviderMessages.NAME)).willSetStateTo("fast"));
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(aResponse().withTransformers(ProviderMessages.NAME)));
    provider.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withTransformers(ProviderMessages.NAME)));

    probe.awaitCompleted(sendSms("0151 23456799"));

    assertThat(providerMessages.taken()).extracting(ProviderMessages.Message::to).containsExactly("+4915123456799");
    provider.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    provider.verify(getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo("+4915123456799")));
    assertThat(smsRow("+4915123456799")).containsEntry("status", "SENT")
        .containsEntry("provider_message_id", providerMessages.taken().getFirst().sid());
    assertThat(decisions("+4915123456799")).containsSubsequence("retry", "found", "sent");
    assertThat(openIncidents(jdbc)).isEmpty();
  }

  /**
   * The connection breaks after the request went out, and the provider had not taken it: the
   * retry finds nothing at the provider and sends it again. One SMS.
   */
  @Test
  void aRequestTheProviderNeverTookIsSentAgainAfterAskingForIt() {
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("lost").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("back"));
    provider.stubFor(post(urlEqualTo(MESSAGES)).inScenario("lost").whenScenarioStateIs("back")
        .willReturn(aResponse().withTransformers(ProviderMessages.NAME)));
    provider.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withTransformers(ProviderMessages.NAME)));

    probe.awaitCompleted(sendSms("0151 23456798"));

    assertThat(providerMessages.taken()).extracting(ProviderMessages.Message::to).containsExactly("+4915123456798");
    provider.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
    provider.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES)));
    assertThat(smsRow("+4915123456798")).containsEntry("status", "SENT")
        .containsEntry("provider_message_id", providerMessages.taken().getFirst().sid());
    assertThat(decisions("+4915123456798")).containsSubsequence("retry", "sent").doesNotContain("found");
    assertThat(openIncidents(jdbc)).isEmpty();
  }

  /** The SMS's outbox row, found by the customer's number (each test texts a number of its own). */
  private Map<String, Object> smsRow(String e164) {
    return jdbc.sql("""
            SELECT o.status, o.provider_message_id FROM outbox o JOIN customers c ON c.id = o.customer_id
            WHERE o.channel = 'sms' AND c.phone_e164 = ?""")
        .param(e164).query().singleRow().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
  }

  private List<String> decisions(String e164) {
    return jdbc.sql("""
            SELECT d.decision FROM outbox_decision d
              JOIN outbox o ON o.element_instance_key = d.element_instance_key AND o.channel = d.channel
              JOIN customers c ON c.id = o.customer_id
            WHERE o.channel = 'sms' AND c.phone_e164 = ?
            ORDER BY d.id""")
        .param(e164).query(String.class).list();
  }

  private long sendSms(String phone) {
    return OutageServers.sendSms(port, customers, probe, phone, "outage-sms-", 5);
  }

}
