package dev.journeys.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.journeys.reliability.OutageServers.acceptedPerRecipient;
import static dev.journeys.reliability.OutageServers.count;
import static dev.journeys.reliability.OutageServers.failedAttempts;
import static dev.journeys.reliability.OutageServers.messageIds;
import static dev.journeys.reliability.OutageServers.openIncidents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.Customers;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import dev.journeys.scenarios.EngineClockApi;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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
 * Outages of ten minutes with the default retry settings (a journey's send task has 8 retries, the
 * wait doubles from 10 s up to 5 min, or is the provider's Retry-After): the mail server down, and
 * the SMS provider answering 503 and then 429 for ten minutes. The engine's clock is controlled, so
 * ten minutes of retries take seconds: the clock moves in 10-second steps while the servers refuse,
 * each step giving the workers a moment of real time to try what fell due. Every message arrives
 * once after the servers are back, none runs out of retries, no incident is left.
 */
@JourneysAppTest
@TestPropertySource(properties = {
  "journeys.engine.clock=controlled",
  // the defaults, which @JourneysAppTest shortens for the other tests
  "journeys.notify.retry-backoff=10s",
  "journeys.notify.retry-backoff-max=5m",
  // SMS are held in quiet hours; the controlled clock starts at the real now, any hour.
  "journeys.notify.quiet-hours.sms.enabled=false"
})
class LongOutageTest {

  static final String MESSAGES = OutageServers.MESSAGES;
  static final Duration OUTAGE = Duration.ofMinutes(10);
  static final Duration STEP = Duration.ofSeconds(10);
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
  private EngineClockApi clock;

  @BeforeEach
  void reset() {
    probe = new JourneyProbe(camunda, jdbc);
    clock = new EngineClockApi(port);
    provider.resetAll();
  }

  @Test
  void theMailServerDownForTenMinutesEveryConfirmationArrivesOnceAfterwards() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    String email = "long-outage-" + run + "@example.com";
    List<String> orders = new ArrayList<>();
    smtp.stop();
    try {
      for (int i = 0; i < 3; i++) {
        String orderId = OrderJson.newOrderId();
        orders.add(orderId);
        new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Jane", "en"));
      }
      await().atMost(Duration.ofSeconds(30)).until(() -> failedAttempts(jdbc, orders) >= orders.size());
      moveThrough(OUTAGE, () -> false);
      // Tried again and again while the server was away: 10 + 20 + 40 + 80 + 160 + 300 s of waits
      // fit in ten minutes, so each confirmation failed at least six times, and has retries left.
      assertThat(attempts(orders)).as("attempts per confirmation during the outage")
          .allSatisfy(attempts -> assertThat(attempts).isGreaterThanOrEqualTo(6));
      assertThat(openIncidents(jdbc)).isEmpty();
      assertThat(smtp.getReceivedMessages()).isEmpty();
    } finally {
      smtp.start();
    }

    // The next retry of each is at most the longest wait (5 min) away.
    moveThrough(Duration.ofMinutes(6), () -> messageIds(smtp, email).size() == orders.size());
    await().atMost(Duration.ofSeconds(30)).until(() -> messageIds(smtp, email).size() == orders.size());
    Thread.sleep(1_000);
    assertThat(messageIds(smtp, email)).as("copies per Message-ID").hasSize(orders.size())
        .allSatisfy((id, copies) -> assertThat(copies).isOne());
    assertThat(openIncidents(jdbc)).isEmpty();
  }

  @Test
  void theSmsProviderAnswering503Then429ForTenMinutesEverySmsIsAcceptedOnceAfterwards() throws Exception {
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503)));
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      instances.add(sendSms("0151 2345671" + i));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> count(provider, 503) >= instances.size());
    moveThrough(OUTAGE.dividedBy(2), () -> false);
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")
        .withBody("{\"code\":20429,\"message\":\"Too Many Requests\"}")));
    moveThrough(OUTAGE.dividedBy(2), () -> false);
    assertThat(count(provider, 429)).as("429 answers in the second half").isGreaterThanOrEqualTo(instances.size());
    assertThat(count(provider, 503) + count(provider, 429)).as("refused attempts").isGreaterThanOrEqualTo(5L * instances.size());
    assertThat(acceptedPerRecipient(provider)).isEmpty();
    assertThat(openIncidents(jdbc)).isEmpty();
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(OutageServers.created()));

    moveThrough(Duration.ofMinutes(6), () -> acceptedPerRecipient(provider).size() == instances.size());
    instances.forEach(probe::awaitCompleted);
    assertThat(acceptedPerRecipient(provider)).hasSize(instances.size()).allSatisfy((to, n) -> assertThat(n).isOne());
    assertThat(openIncidents(jdbc)).isEmpty();
  }

  /**
   * Moves the engine's clock on by {@code span} in {@link #STEP}s, giving the workers a moment of
   * real time after each to try what fell due; stops early once {@code done}.
   */
  private void moveThrough(Duration span, BooleanSupplier done) throws InterruptedException {
    Instant end = clock.now().plus(span);
    while (clock.now().isBefore(end) && !done.getAsBoolean()) {
      clock.advance(STEP);
      Thread.sleep(150);
    }
  }

  private long sendSms(String phone) {
    return OutageServers.sendSms(port, customers, probe, phone, "long-outage-sms-", 8);
  }

  private List<Integer> attempts(List<String> orders) {
    return jdbc.sql("SELECT attempts FROM outbox WHERE order_id IN (:ids) AND template = 'order-confirmation'")
        .param("ids", orders).query(Integer.class).list();
  }
}
