package dev.journeys.reliability;

import static dev.journeys.Awaits.awaitDuring;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.TestCredentials;
import dev.journeys.faults.CrashPoints;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Delivery;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The app halts (as kill -9 would stop it) right after the SMS provider accepted a text and before
 * the outbox row says so, then starts again on the same database. The job comes back, the row's
 * lease has run out while SENDING, so the attempt is unsure: the provider is asked for the message
 * first, has it, and it is recorded as sent under the provider's id. A crash between the provider's
 * acceptance and our commit no longer sends the SMS twice (the email counterpart, AFTER_SMTP_ACCEPT
 * in {@link CrashPointsTest}, still may, with the same Message-ID).
 */
// Its apps run in child processes and it mostly waits on them: it runs beside the rest of the
// suite (junit-platform.properties), its start-ups taking turns with the others' (AppProcess).
@Execution(ExecutionMode.CONCURRENT)
class SmsCrashPointTest {

  /** The customer's mobile in orders-create-2024-07.json, as E.164. */
  private static final String PHONE = "+15035550143";

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @TempDir Path data;

  private final ProviderMessages providerMessages = new ProviderMessages();
  private final WireMockServer provider = OutageServers.startProvider(providerMessages);

  @AfterEach
  void stopProvider() {
    provider.stop();
  }

  @Test
  void aCrashAfterTheProviderTookTheSmsDoesNotTextTheCustomerTwice() throws Exception {
    provider.stubFor(post(urlEqualTo(OutageServers.MESSAGES))
        .willReturn(aResponse().withTransformers(ProviderMessages.NAME)));
    provider.stubFor(get(urlPathEqualTo(OutageServers.MESSAGES))
        .willReturn(aResponse().withTransformers(ProviderMessages.NAME)));
    String orderId = ShopifyWebhooks.newId();
    Delivery order = smsOptedInOrder(orderId);
    String crashAt = CrashPoints.Point.AFTER_PROVIDER_ACCEPT.key();

    try (AppProcess crashing = AppProcess.start(data, "crash-" + crashAt, settings(crashAt))) {
      assertThat(new ShopifyWebhooks(crashing.httpPort()).send(order).status()).isBetween(200, 299);
      assertThat(crashing.awaitExit(Duration.ofSeconds(60))).isEqualTo(CrashPoints.EXIT_STATUS);
      assertThat(crashing.output()).contains("CRASH " + crashAt);
    }
    assertThat(providerMessages.taken()).as("messages the provider took before the crash")
        .extracting(ProviderMessages.Message::to).containsExactly(PHONE);

    try (AppProcess restarted = AppProcess.start(data, "after-" + crashAt, settings(""));
        CamundaClient client = restarted.camundaClient()) {
      await().atMost(Duration.ofSeconds(45)).untilAsserted(() ->
          assertThat(smsRows(restarted, orderId)).singleElement().satisfies(row ->
              assertThat(row).containsEntry("status", "SENT")));
      // Time for a second attempt at the SMS to reach the provider, were one made: the provider holds
      // the one message all along.
      awaitDuring(Duration.ofSeconds(3))
          .untilAsserted(() -> assertThat(providerMessages.taken()).as("messages the provider took").hasSize(1));

      List<ProviderMessages.Message> taken = providerMessages.taken();
      assertThat(taken).as("messages the provider took").extracting(ProviderMessages.Message::to)
          .containsExactly(PHONE);
      provider.verify(1, postRequestedFor(urlEqualTo(OutageServers.MESSAGES)));
      assertThat(provider.findAll(getRequestedFor(urlPathEqualTo(OutageServers.MESSAGES))
              .withQueryParam("To", equalTo(PHONE))))
          .as("look-ups of the number at the provider").isNotEmpty();
      List<Map<String, Object>> rows = smsRows(restarted, orderId);
      assertThat(rows).as("the order's SMS").hasSize(1);
      Map<String, Object> row = rows.getFirst();
      assertThat(row).containsEntry("status", "SENT").containsEntry("providerMessageId", taken.getFirst().sid());
      assertThat(decisions(row)).containsSubsequence("found", "sent");
      assertThat(client.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE)).send().join().items())
          .as("open incidents")
          .isEmpty();
    }
  }

  /**
   * orders/create in an API version whose orders still carry the customer's SMS opt-in, for a
   * customer who gave it; placed three days ago (journeys.orders.default-ship-within), so the
   * ship-by timer is due at once and the journey texts a delay alert (email and SMS).
   */
  private static Delivery smsOptedInOrder(String orderId) {
    Instant placed = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));
    String body = ShopifyWebhooks.payload("orders-create-2024-07.json", Map.of(
        "4410982734112", orderId,
        "6120398471102", ShopifyWebhooks.newId(),
        "sam.porter@example.com", "sms-crash-" + orderId + "@example.com",
        "\"state\": \"not_subscribed\"", "\"state\": \"subscribed\"",
        "2024-08-02T14:05:40-04:00", placed.toString()));
    return Delivery.of("orders/create", body).withApiVersion("2024-07");
  }

  private Map<String, String> settings(String crashAt) {
    return Map.ofEntries(
        Map.entry("journeys.faults.crash-at", crashAt),
        Map.entry("spring.mail.host", "127.0.0.1"),
        Map.entry("spring.mail.port", Integer.toString(smtp.getSmtp().getPort())),
        Map.entry("journeys.sms.base-url", provider.baseUrl()),
        Map.entry("journeys.sms.account-sid", OutageServers.ACCOUNT),
        Map.entry("journeys.sms.auth-token", "secret"),
        Map.entry("journeys.sms.from", "+15005550006"),
        // SMS are held in quiet hours; this test runs at any hour.
        Map.entry("journeys.notify.quiet-hours.sms.enabled", "false"),
        Map.entry(ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[0], ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[1]),
        // The dead process's job comes back after its timeout, and its message is claimable after
        // the lease: short ones keep the test short (as in CrashPointsTest).
        Map.entry("camunda.client.worker.defaults.timeout", "PT5S"),
        Map.entry("journeys.notify.send-lease", "3s"),
        Map.entry("journeys.notify.retry-backoff", "1s"),
        Map.entry("journeys.orders.inbox.lease", "3s"),
        Map.entry("journeys.orders.abandoned-after", "5s"));
  }

  /** The order's SMS as GET /api/outbox shows them. */
  private static List<Map<String, Object>> smsRows(AppProcess app, String orderId) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/api/outbox?orderId=" + orderId))
            .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET /api/outbox").isEqualTo(200);
    List<Map<String, Object>> rows = JSON.readValue(response.body(), new TypeReference<>() {});
    return rows.stream().filter(r -> "sms".equals(r.get("channel"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<String> decisions(Map<String, Object> row) {
    return ((List<Map<String, Object>>) row.get("decisions")).stream().map(d -> (String) d.get("decision")).toList();
  }

}
