package dev.journeys.notify.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Twilio transport against WireMock: which failures leave us unsure whether the provider took
 * an SMS, and how it finds such an SMS among the provider's latest messages to the number.
 */
class TwilioLookupTest {

  static final String ACCOUNT = "AC0123456789";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final Instant ATTEMPT = Instant.parse("2026-11-24T06:30:00Z");
  static final DateTimeFormatter TWILIO_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

  static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());

  static {
    provider.start();
  }

  @AfterAll
  static void stop() {
    provider.stop();
  }

  @BeforeEach
  void reset() {
    provider.resetAll();
  }

  private final OutgoingSms sms = new OutgoingSms("<m1@journeys>", "+4915123456789", "Your order #1001 has shipped.",
      "en", SmsSegments.count("Your order #1001 has shipped."));

  @Test
  void anAnswerThatComesAfterTheTimeoutLeavesUsUnsure() {
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(created("SM1").withFixedDelay(1_500)));

    assertThatThrownBy(() -> transport(provider.baseUrl(), Duration.ofSeconds(1)).send(sms))
        .isInstanceOfSatisfying(SmsTransport.Unavailable.class, e -> assertThat(e.unsure()).isTrue());
  }

  @Test
  void aConnectionBrokenAfterTheRequestLeavesUsUnsure() {
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    assertThatThrownBy(() -> transport(provider.baseUrl()).send(sms))
        .isInstanceOfSatisfying(SmsTransport.Unavailable.class, e -> assertThat(e.unsure()).isTrue());
  }

  @Test
  void aProviderThatCannotBeReachedDidNotTakeIt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    assertThatThrownBy(() -> transport("http://127.0.0.1:" + closedPort).send(sms))
        .isInstanceOfSatisfying(SmsTransport.Unavailable.class, e -> assertThat(e.unsure()).isFalse());
  }

  @Test
  void only503And429SayForSureTheMessageWasNotTaken() {
    for (int status : new int[] {429, 503, 500, 502, 504}) {
      provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(status)));

      assertThatThrownBy(() -> transport(provider.baseUrl()).send(sms))
          .as("HTTP %d", status)
          .isInstanceOfSatisfying(SmsTransport.Unavailable.class,
              e -> assertThat(e.unsure()).as("unsure after HTTP %d", status).isEqualTo(status != 429 && status != 503));
    }
  }

  @Test
  void findsTheMessageWithTheSameTextSentToTheNumberSinceTheAttempt() {
    provider.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(list(
        message("SM4", "Your order #1002 has shipped.", ATTEMPT.plusSeconds(3), "queued"),
        message("SM3", sms.body(), ATTEMPT.plusSeconds(2), "delivered"),
        message("SM2", sms.body(), ATTEMPT.minus(Duration.ofHours(1)), "delivered"))));

    assertThat(transport(provider.baseUrl()).find(sms, ATTEMPT, sid -> false))
        .contains(new SmsTransport.Accepted("SM3", "delivered"));
    provider.verify(getRequestedFor(urlPathEqualTo(MESSAGES))
        .withQueryParam("To", equalTo("+4915123456789"))
        .withQueryParam("PageSize", equalTo(Integer.toString(TwilioSmsTransport.LOOKUP_PAGE_SIZE)))
        .withBasicAuth(new com.github.tomakehurst.wiremock.client.BasicCredentials(ACCOUNT, "secret")));
  }

  @Test
  void aMessageOfOursWithTheSameTextOrOneOlderThanTheAttemptIsNotIt() {
    provider.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(list(
        message("SM3", sms.body(), ATTEMPT.plusSeconds(2), "delivered"),
        message("SM2", sms.body(), ATTEMPT.minus(TwilioSmsTransport.CLOCK_SKEW).minusSeconds(1), "delivered"))));

    assertThat(transport(provider.baseUrl()).find(sms, ATTEMPT, Set.of("SM3")::contains)).isEmpty();
  }

  @Test
  void aProviderClockALittleBehindOursStillCounts() {
    provider.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(list(
        message("SM3", sms.body(), ATTEMPT.minusSeconds(30), "sent"))));

    assertThat(transport(provider.baseUrl()).find(sms, ATTEMPT, sid -> false))
        .contains(new SmsTransport.Accepted("SM3", "sent"));
  }

  @Test
  void aProviderThatCannotListNowIsAskedAgainLater() {
    provider.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));

    assertThatThrownBy(() -> transport(provider.baseUrl()).find(sms, ATTEMPT, sid -> false))
        .isInstanceOfSatisfying(SmsTransport.Unavailable.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(30)));
  }

  @Test
  void aProviderWithoutAMessageListCannotTellSoTheSmsIsSentAgain() {
    provider.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(404)));

    assertThat(transport(provider.baseUrl()).find(sms, ATTEMPT, sid -> false)).isEmpty();
  }

  /**
   * With a generous timeout: these tests are about what the lookup finds, and a loaded CI machine can
   * take over a second to answer a first request on loopback.
   */
  private static TwilioSmsTransport transport(String baseUrl) {
    return transport(baseUrl, Duration.ofSeconds(15));
  }

  private static TwilioSmsTransport transport(String baseUrl, Duration timeout) {
    SmsProperties properties = new SmsProperties(baseUrl, ACCOUNT, "secret", "+15005550006", null, null, null, 2,
        timeout);
    return new TwilioSmsTransport(properties, Clock.systemUTC(), "http://127.0.0.1/webhooks/sms/status",
        new com.fasterxml.jackson.databind.ObjectMapper());
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
    return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
        .withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\"}");
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder list(String... messages) {
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody("{\"messages\":[" + String.join(",", messages) + "],\"page_size\":50}");
  }

  private static String message(String sid, String body, Instant created, String status) {
    return """
        {"sid":"%s","to":"+4915123456789","from":"+15005550006","body":"%s","status":"%s",
         "direction":"outbound-api","date_created":"%s"}""".formatted(sid, body, status, TWILIO_DATE.format(created));
  }
}
