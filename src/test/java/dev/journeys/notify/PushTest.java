package dev.journeys.notify;

import dev.journeys.TestCredentials;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.journeys.customers.MarketingChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push through FCM HTTP v1 with a service account, WireMock as both token endpoint and FCM. */
class PushTest extends ChannelAppTestBase {

  private String goodDevice;
  private String goneDevice;

  @BeforeEach
  void fcm() {
    provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.test-token\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")));
    provider.stubFor(post(urlEqualTo(FCM_SEND)).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"name\":\"projects/journeys-test/messages/1\"}")));
    goneDevice = "gone-" + orderId.replaceAll("\\W", "") + ":APA91b";
    provider.stubFor(post(urlEqualTo(FCM_SEND)).withRequestBody(matchingJsonPath("$.message.token", equalTo(goneDevice)))
        .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("""
            {"error":{"code":404,"message":"Requested entity was not found.","status":"NOT_FOUND",
             "details":[{"@type":"type.googleapis.com/google.firebase.fcm.v1.FcmError","errorCode":"UNREGISTERED"}]}}""")));
    goodDevice = "good-" + orderId.replaceAll("\\W", "") + ":APA91b";
  }

  @Test
  void aTransactionalPushReachesEveryRegisteredDeviceAndAnUnregisteredOneIsRemoved() throws Exception {
    customer("0151 23456789", false, false);
    assertThat(register(goodDevice, "android").statusCode()).isEqualTo(201);
    assertThat(register(goneDevice, "ios").statusCode()).isEqualTo(201);
    assertThat(register(goodDevice, "android").statusCode()).isEqualTo(200);

    step("shipping-update", "push", "transactional");

    List<LoggedRequest> sends = provider.findAll(postRequestedFor(urlEqualTo(FCM_SEND)));
    assertThat(sends).hasSize(2).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer ya29.test-token"));
    JsonNode message = new ObjectMapper().readTree(sends.get(0).getBodyAsString()).path("message");
    assertThat(message.path("notification").path("title").asText()).isEqualTo("Your order has shipped");
    assertThat(message.path("notification").path("body").asText()).isEqualTo("Order " + orderId + ". Tap to track it.");
    assertThat(message.path("data").path("messageId").asText()).contains(".push@");
    assertThat(decisions()).containsExactly("shipping-update push SENT null");
    assertThat(customers.devices(customerId)).containsExactly(goodDevice);

    // A second message reuses the cached access token and goes to the remaining device only. (The
    // first may have used a token an earlier test of this shared context cached: count, not 1.)
    int exchanges = provider.findAll(postRequestedFor(urlEqualTo("/token"))).size();
    step("shipping-update", "push", "transactional");
    assertThat(provider.findAll(postRequestedFor(urlEqualTo("/token")))).as("no new token exchange").hasSize(exchanges);
    assertThat(provider.findAll(postRequestedFor(urlEqualTo(FCM_SEND)))).hasSize(3);
  }

  @Test
  void theAccessTokenComesFromAnRs256AssertionSignedWithTheServiceAccountKey() throws Exception {
    customer("0151 23456789", false, false);
    register(goodDevice, null);
    // An earlier test may have cached ya29.test-token: FCM now refuses it (revoked), so the app
    // must drop it and exchange a fresh assertion, which this test then inspects.
    provider.stubFor(post(urlEqualTo("/token")).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"access_token\":\"ya29.fresh\",\"expires_in\":3599}")));
    provider.stubFor(post(urlEqualTo(FCM_SEND)).withHeader("Authorization", equalTo("Bearer ya29.test-token"))
        .willReturn(aResponse().withStatus(401)));

    step("shipping-update", "push", "transactional");

    List<LoggedRequest> exchanges = provider.findAll(postRequestedFor(urlEqualTo("/token")));
    assertThat(exchanges).hasSize(1);
    assertThat(decisions()).containsExactly("shipping-update push SENT null");
    Map<String, String> form = form(exchanges.get(0).getBodyAsString());
    assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
    String[] jwt = form.get("assertion").split("\\.");
    assertThat(jwt).hasSize(3);
    Base64.Decoder url = Base64.getUrlDecoder();
    JsonNode header = new ObjectMapper().readTree(url.decode(jwt[0]));
    JsonNode claims = new ObjectMapper().readTree(url.decode(jwt[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo("key-1");
    assertThat(claims.path("iss").asText()).isEqualTo("journeys@journeys-test.iam.gserviceaccount.com");
    assertThat(claims.path("aud").asText()).isEqualTo(provider.baseUrl() + "/token");
    assertThat(claims.path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(SERVICE_KEY.getPublic());
    rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(url.decode(jwt[2]))).isTrue();
  }

  @Test
  void marketingPushNeedsPushConsentAndATransactionalOneWithoutDevicesFallsBackToEmail() throws Exception {
    customer("0151 23456789", false, true);
    register(goodDevice, "web");

    step("anniversary-thank-you", "push", "marketing");
    assertThat(decisions()).containsExactly("anniversary-thank-you push SKIPPED no-push-consent");

    customers.recordConsent(customerId, MarketingChannel.PUSH, true, Instant.parse("2030-01-02T00:00:00Z"), "api");
    step("anniversary-thank-you", "push", "marketing");
    assertThat(decisions().getLast()).isEqualTo("anniversary-thank-you push SENT null");

    assertThat(remove(goodDevice).statusCode()).isEqualTo(204);
    assertThat(remove(goodDevice).statusCode()).isEqualTo(404);
    step("shipping-update", "push", "transactional");
    assertThat(decisions()).contains("shipping-update push SKIPPED no-device",
        "shipping-update email SENT fallback-from push (no-device)");
  }

  @Test
  void aRegistrationWithoutATokenIsRefusedNamingTheField() throws Exception {
    customer("0151 23456789", false, false);

    HttpResponse<String> missing = http("POST", "/api/customers/" + customerId + "/devices", "{\"platform\":\"ios\"}");
    HttpResponse<String> badPlatform = http("POST", "/api/customers/" + customerId + "/devices",
        "{\"token\":\"abc\",\"platform\":\"fax\"}");
    HttpResponse<String> unknown = http("POST", "/api/customers/nobody-" + orderId.replaceAll("\\W", "") + "/devices",
        "{\"token\":\"abc\"}");

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("token");
    assertThat(badPlatform.statusCode()).isEqualTo(400);
    assertThat(badPlatform.body()).contains("platform");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  private HttpResponse<String> register(String token, String platform) throws Exception {
    String body = platform == null ? "{\"token\":\"%s\"}".formatted(token)
        : "{\"token\":\"%s\",\"platform\":\"%s\"}".formatted(token, platform);
    return http("POST", "/api/customers/" + customerId + "/devices", body);
  }

  private HttpResponse<String> remove(String token) throws Exception {
    return http("DELETE", "/api/customers/" + customerId + "/devices?token="
        + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8), null);
  }

  private HttpResponse<String> http(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .header("Authorization", TestCredentials.bearer(TestCredentials.SHOP_TOKEN))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
