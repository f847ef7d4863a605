package dev.journeys.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import dev.journeys.TestCredentials;
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
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The whole app with WireMock as the Twilio-compatible provider, signed webhooks coming back, and
 * a wall clock tests move. Subclasses share one application context (same settings).
 */
@JourneysAppTest
@Import(ChannelAppTestBase.Clocks.class)
abstract class ChannelAppTestBase {

  static final String ACCOUNT = "AC0000000042";
  static final String AUTH_TOKEN = "test-auth-token";
  static final String PUBLIC_BASE = "https://journeys.example.net/shop-a";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
  static final WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort());
  /** 17:00 in Berlin. */
  static final Instant AFTERNOON = Instant.parse("2030-06-03T15:00:00Z");

  /** The service account's key pair: the test signs nothing, it checks what the app signed. */
  static final java.security.KeyPair SERVICE_KEY;
  static final String FCM_SEND = "/v1/projects/journeys-test/messages:send";

  static {
    try {
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      SERVICE_KEY = generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    provider.start();
    Runtime.getRuntime().addShutdownHook(new Thread(provider::stop));
  }

  @DynamicPropertySource
  static void smsProvider(DynamicPropertyRegistry registry) {
    registry.add("journeys.sms.base-url", provider::baseUrl);
    registry.add("journeys.sms.account-sid", () -> ACCOUNT);
    registry.add("journeys.sms.auth-token", () -> AUTH_TOKEN);
    registry.add("journeys.sms.from", () -> "+15005550006");
    // Behind a proxy that mounts the app under /shop-a: what the provider calls and signs.
    registry.add("journeys.public-base-url", () -> PUBLIC_BASE);
    registry.add("journeys.notify.held-poll-interval", () -> "200ms");
    registry.add("journeys.push.credentials-json", ChannelAppTestBase::serviceAccountJson);
    registry.add("journeys.push.token-uri", () -> provider.baseUrl() + "/token");
    registry.add("journeys.push.base-url", provider::baseUrl);
  }

  static String serviceAccountJson() {
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(SERVICE_KEY.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
          "type", "service_account", "project_id", "journeys-test", "private_key_id", "key-1",
          "private_key", pem, "client_email", "journeys@journeys-test.iam.gserviceaccount.com",
          "token_uri", "https://oauth2.example.invalid/token"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    MutableClock testClock() {
      return new MutableClock(AFTERNOON);
    }
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;
  @Autowired MutableClock clock;

  JourneyProbe probe;
  String orderId;
  String customerId;
  private int sids;

  @BeforeEach
  void anOrder() {
    clock.set(AFTERNOON);
    provider.resetAll();
    provider.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json")
        .withTransformers("response-template")
        .withBody("{\"sid\":\"SM{{randomValue length=24 type='ALPHANUMERIC'}}\",\"status\":\"queued\"}")));
    probe = new JourneyProbe(camunda, jdbc);
    orderId = OrderJson.newOrderId();
    customerId = "c-" + orderId;
    new ShopClient(port).postOrder(OrderJson.order(orderId, email(), "Jane", "en"));
  }

  String email() {
    return "ch-" + orderId.toLowerCase().replaceAll("[^a-z0-9]", "") + "@example.com";
  }

  void customer(String phone, boolean smsConsent, boolean emailConsent) {
    customers.recordContact(new ContactDetails(customerId, email(), phone, "Jane", "en", "Europe/Berlin", "DE"));
    customers.recordConsent(customerId, MarketingChannel.SMS, smsConsent, Instant.parse("2030-01-01T00:00:00Z"), "api");
    customers.recordConsent(customerId, MarketingChannel.EMAIL, emailConsent, Instant.parse("2030-01-01T00:00:00Z"), "api");
  }

  /** Runs one send-message task with these headers for the order and customer, to its end. */
  void step(String template, String channels, String purpose) {
    step(template, channels, purpose, null);
  }

  /** @param choice the channel-choice header; null leaves it out (the purpose's default) */
  void step(String template, String channels, String purpose, String choice) {
    String id = "test-ch-" + UUID.randomUUID().toString().substring(0, 8);
    probe.deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("send", t -> {
          t.zeebeJobType("send-message").zeebeJobRetries("3")
              .zeebeTaskHeader("template", template)
              .zeebeTaskHeader("channels", channels)
              .zeebeTaskHeader("purpose", purpose);
          if (choice != null) {
            t.zeebeTaskHeader("channel-choice", choice);
          }
        })
        .endEvent().done());
    Map<String, Object> variables = new LinkedHashMap<>(Map.of("orderId", orderId, "customerId", customerId,
        "shipmentStatus", "SHIPPED", "delayReason", "weather"));
    probe.awaitCompleted(probe.start(id, variables));
  }

  /** GET /api/outbox?customerId=...: one map per message and channel. */
  List<Map<String, Object>> outbox() {
    return RestClient.create("http://127.0.0.1:" + port).get()
        .uri("/api/outbox?customerId={id}", customerId)
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).retrieve()
        .body(new ParameterizedTypeReference<>() {});
  }

  /** "template channel status reason" per outbox row of this customer. */
  List<String> decisions() {
    return outbox().stream().map(r -> r.get("template") + " " + r.get("channel") + " " + r.get("status") + " "
        + r.get("reason")).toList();
  }

  List<LoggedRequest> smsSent() {
    return provider.findAll(postRequestedFor(urlEqualTo(MESSAGES)));
  }

  /** POSTs a provider webhook the way Twilio does, signed with the auth token unless told otherwise. */
  HttpResponse<String> webhook(String path, Map<String, String> form, String signature) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> signedWebhook(String path, Map<String, String> form) throws Exception {
    return webhook(path, form, TwilioWebhookSlice.sign(AUTH_TOKEN, PUBLIC_BASE + path, form));
  }

  static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
  }
}
