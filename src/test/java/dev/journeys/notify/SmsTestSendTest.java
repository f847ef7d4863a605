package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.journeys.TestCredentials;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The studio's "send an SMS test to me": the template's SMS text, rendered as the preview renders
 * it, goes through the real SMS transport (WireMock as the Twilio-compatible provider) to the
 * caller's own number (journeys.security.api-tokens[n].phone), marked as a test; a caller without a
 * number is told which setting gives one.
 */
class SmsTestSendTest extends ChannelAppTestBase {

  private static final String TEST_SEND = "/api/studio/templates/shipping-update/en/test-send?channel=sms";

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theSmsTextGoesThroughTheProviderToTheCallersOwnNumberMarkedAsATest() throws Exception {
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String body = json.writeValueAsString(Map.of("parts", Map.of(".sms.txt", "Test " + marker + ": [(${orderId})] ships"),
        "variant", 0));

    HttpResponse<String> response = post(TEST_SEND, body, TestCredentials.MARKETER_TOKEN);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode sent = json.readTree(response.body());
    assertThat(sent.get("sentTo").asText()).isEqualTo("***5678").doesNotContain("+49");
    assertThat(sent.get("text").asText()).isEqualTo("[TEST] Test " + marker + ": #1000012345 ships");
    List<Map<String, String>> tests = smsSent().stream().map(SmsTestSendTest::form)
        .filter(f -> f.getOrDefault("Body", "").contains(marker)).toList();
    assertThat(tests).hasSize(1);
    assertThat(tests.getFirst()).containsEntry("To", "+4915112345678").containsEntry("From", "+15005550006")
        .containsEntry("Body", "[TEST] Test " + marker + ": #1000012345 ships");
  }

  @Test
  void aCallerWithoutANumberIsToldWhereOneComesFrom() throws Exception {
    HttpResponse<String> response = post(TEST_SEND, "{}", TestCredentials.ADMIN_TOKEN);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("phone_number").contains("journeys.security.users[n].phone");
    assertThat(post("/api/studio/templates/shipping-update/en/test-send?channel=fax", "{}",
        TestCredentials.MARKETER_TOKEN).body()).contains("Expected channel to be email or one of [sms");
  }

  private HttpResponse<String> post(String path, String body, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestCredentials.bearer(token)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Map<String, String> form(LoggedRequest request) {
    return Arrays.stream(request.getBodyAsString().split("&")).map(kv -> kv.split("=", 2))
        .collect(Collectors.toMap(kv -> URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv -> kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "", (a, b) -> b));
  }
}
