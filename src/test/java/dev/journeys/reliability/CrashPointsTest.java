package dev.journeys.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.TestCredentials;
import dev.journeys.faults.CrashPoints;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Delivery;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app halts (as kill -9 would stop it) at each crash point on a signed order's way from webhook
 * to confirmation email, then starts again on the same database. Nothing accepted is lost, no
 * incident is left, and only a crash between the SMTP server's acceptance and our commit may send
 * a message twice: the resend carries the same Message-ID.
 *
 * <p>The crash points run concurrently too (each on its own database, ports and recipient): most of
 * a case is waiting for child processes to start, halt and take over, and the waits overlap.
 */
// Its cases (the SMS one too) run side by side (junit-platform.properties), their start-ups taking
// turns (AppProcess), in Failsafe's phase beside the other tests of child apps (pom.xml).
@Execution(ExecutionMode.CONCURRENT)
class CrashPointsTest {

  /** One server for the concurrent cases; each counts only the mail to its own address. */
  static final GreenMail smtp = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @BeforeAll
  static void startSmtp() {
    smtp.start();
  }

  @AfterAll
  static void stopSmtp() {
    smtp.stop();
  }

  @TempDir Path data;

  @ParameterizedTest(name = "{0}")
  // These orders are only emailed, so the app would never reach the SMS provider's point and halt;
  // AfterTheSmsProviderAccepted crashes there.
  @EnumSource(value = CrashPoints.Point.class, mode = EnumSource.Mode.EXCLUDE, names = "AFTER_PROVIDER_ACCEPT")
  void nothingIsLostAndAtMostTheInFlightMessageIsRepeated(CrashPoints.Point point) throws Exception {
    String orderId = ShopifyWebhooks.newId();
    String email = "crash-" + point.key() + "@example.com";
    Delivery order =
        Delivery.of(
            "orders/create",
            ShopifyWebhooks.payload(
                "orders-create.json",
                Map.of("5830174523581", orderId, "7391024578237", ShopifyWebhooks.newId(),
                    // placed now: an order from the fixture's date is too old to confirm (stale-after)
                    "2025-03-14T09:26:53+01:00", java.time.Instant.now().toString(),
                    "mei.lin@example.com", email)));

    try (AppProcess crashing = AppProcess.start(data, "crash-" + point.key(), settings(point.key()))) {
      ShopifyWebhooks shop = new ShopifyWebhooks(crashing.httpPort());
      try {
        ShopifyWebhooks.Answer answer = shop.send(order);
        assertThat(answer.status()).isBetween(200, 299);
      } catch (UncheckedIOException halted) {
        // The crash came before the answer: Shopify sees no 2xx and delivers again, below.
        assertThat(point).isEqualTo(CrashPoints.Point.AFTER_INBOX_INSERT);
      }
      assertThat(crashing.awaitExit(Duration.ofSeconds(90))).isEqualTo(CrashPoints.EXIT_STATUS);
      assertThat(crashing.output()).contains("CRASH " + point.key());
    }

    try (AppProcess restarted = AppProcess.start(data, "after-" + point.key(), settings(""));
        CamundaClient client = restarted.camundaClient()) {
      // Shopify retries a delivery that got no 2xx; a repeat of a stored one changes nothing.
      assertThat(new ShopifyWebhooks(restarted.httpPort()).send(order).status()).isBetween(200, 299);

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(subjects(email)).anySatisfy(subject -> assertThat(subject).contains(orderId)));
      // Time for anything that would come twice to come (a second journey after a take-over too).
      Thread.sleep(point == CrashPoints.Point.AFTER_JOURNEY_START ? 10_000 : 3_000);

      Map<String, Long> copies = messageIds(email);
      // Each message once, whichever point: a second journey would send the same messages again
      // under Message-IDs of its own.
      assertThat(messageIdsBySubject(email)).as("Message-IDs per subject for order %s", orderId)
          .allSatisfy((subject, ids) -> assertThat(ids).hasSize(1));
      assertThat(journeysOf(client, orderId)).as("post-purchase journeys of order %s", orderId).hasSize(1);
      long repeated = copies.values().stream().filter(n -> n > 1).count();
      if (point == CrashPoints.Point.AFTER_SMTP_ACCEPT) {
        // The server had the message when the process died, and nothing had recorded that: the one
        // allowed duplicate, recognisable by its Message-ID.
        assertThat(repeated).as("messages sent twice after a crash at %s", point.key()).isOne();
        assertThat(copies.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
      } else {
        assertThat(copies).as("Message-IDs received at %s", email).allSatisfy((id, n) -> assertThat(n).isOne());
      }
      assertThat(client.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE)).send().join().items())
          .as("open incidents")
          .isEmpty();
    }
  }

  private static Map<String, String> settings(String crashAt) {
    return Map.of(
        "journeys.faults.crash-at", crashAt,
        "spring.mail.host", "127.0.0.1",
        "spring.mail.port", Integer.toString(smtp.getSmtp().getPort()),
        ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[0], ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[1],
        // A job whose worker died is handed out again after its timeout, and a message whose
        // sender died is claimable again after its lease: short ones keep the test short.
        "camunda.client.worker.defaults.timeout", "PT5S",
        "journeys.notify.send-lease", "3s",
        "journeys.notify.retry-backoff", "1s",
        "journeys.orders.inbox.lease", "3s",
        // An order claimed by the dead process is taken over after this (default 1 minute).
        "journeys.orders.abandoned-after", "5s");
  }

  private static List<String> subjects(String email) throws Exception {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .map(CrashPointsTest::subject)
        .toList();
  }

  private static Map<String, Long> messageIds(String email) {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .map(CrashPointsTest::messageId)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static Map<String, java.util.Set<String>> messageIdsBySubject(String email) {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .collect(Collectors.groupingBy(CrashPointsTest::subject,
            Collectors.mapping(CrashPointsTest::messageId, Collectors.toSet())));
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> journeysOf(CamundaClient client, String orderId) {
    return client.newVariableSearchRequest()
        .filter(f -> f.name("orderId").value("\"" + orderId + "\""))
        .send().join().items().stream()
        .filter(v -> v.getScopeKey().equals(v.getProcessInstanceKey()))
        .map(io.camunda.client.api.search.response.Variable::getProcessInstanceKey)
        .distinct()
        .toList();
  }

  /**
   * The app halts right after the SMS provider accepted a text and before the outbox row says so,
   * then starts again on the same database. The job comes back, the row's lease has run out while
   * SENDING, so the attempt is unsure: the provider is asked for the message first, has it, and it
   * is recorded as sent under the provider's id. A crash between the provider's acceptance and our
   * commit does not send the SMS twice (the email counterpart, AFTER_SMTP_ACCEPT above, may, with
   * the same Message-ID).
   */
  @Nested
  class AfterTheSmsProviderAccepted {
    /** The customer's mobile in orders-create-2024-07.json, as E.164. */
    private static final String PHONE = "+15035550143";

    private static final ObjectMapper JSON = new ObjectMapper();

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

    /** The email crash points' settings, and an SMS provider that is always up. */
    private Map<String, String> settings(String crashAt) {
      Map<String, String> all = new java.util.HashMap<>(CrashPointsTest.settings(crashAt));
      all.putAll(Map.of(
          "journeys.sms.base-url", provider.baseUrl(),
          "journeys.sms.account-sid", OutageServers.ACCOUNT,
          "journeys.sms.auth-token", "secret",
          "journeys.sms.from", "+15005550006",
          // SMS are held in quiet hours; this test runs at any hour.
          "journeys.notify.quiet-hours.sms.enabled", "false"));
      return all;
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
}
