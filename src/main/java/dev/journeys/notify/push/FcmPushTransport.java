package dev.journeys.notify.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Sends through FCM's HTTP v1 API: POST {base}/v1/projects/{project}/messages:send with a bearer
 * token from the service account. The JDK client rather than the Admin SDK: two small calls, and the
 * same code talks to FCM and to WireMock.
 */
class FcmPushTransport implements PushTransport {

  private final PushProperties properties;
  private final ServiceAccount account;
  private final FcmAccessTokens tokens;
  private final HttpClient http;
  private final ObjectMapper json;

  FcmPushTransport(PushProperties properties, ServiceAccount account, FcmAccessTokens tokens, HttpClient http,
      ObjectMapper json) {
    this.json = json;
    this.properties = properties;
    this.account = account;
    this.tokens = tokens;
    this.http = http;
  }

  @Override
  public void send(OutgoingPush push, String deviceToken) {
    HttpResponse<String> response = call(push, deviceToken);
    if (response.statusCode() == 401) {
      // The cached token expired early or was revoked: one fresh try.
      tokens.invalidate();
      response = call(push, deviceToken);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    String code = errorCode(response.body());
    String error = "HTTP %d%s".formatted(status, code == null ? "" : ", " + code);
    if (status == 404 || "UNREGISTERED".equals(code)) {
      throw new Unregistered(error);
    }
    if (status == 429 || status >= 500) {
      throw new Unavailable(error, retryAfter(response));
    }
    throw new Refused(error);
  }

  private HttpResponse<String> call(OutgoingPush push, String deviceToken) {
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl().replaceAll("/+$", "")
              + "/v1/projects/" + account.projectId() + "/messages:send"))
          .timeout(properties.timeout())
          .header("Authorization", "Bearer " + tokens.get())
          .header("Content-Type", "application/json; charset=UTF-8")
          .POST(HttpRequest.BodyPublishers.ofString(body(push, deviceToken)))
          .build();
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable("Expected FCM to answer, but: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted while sending a push", null);
    }
  }

  private String body(OutgoingPush push, String deviceToken) throws JsonProcessingException {
    return json.writeValueAsString(Map.of("message", Map.of(
        "token", deviceToken,
        "notification", Map.of("title", push.title(), "body", push.body()),
        "data", push.link() == null ? Map.of("messageId", push.messageId())
            : Map.of("messageId", push.messageId(), "link", push.link()))));
  }

  /** FCM's error code: error.details[].errorCode (UNREGISTERED, ...), else error.status. */
  private String errorCode(String body) {
    try {
      JsonNode error = json.readTree(body).path("error");
      for (JsonNode detail : error.path("details")) {
        if (detail.hasNonNull("errorCode")) {
          return detail.get("errorCode").asText();
        }
      }
      return error.hasNonNull("status") ? error.get("status").asText() : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  private static Duration retryAfter(HttpResponse<String> response) {
    return response.headers().firstValue("Retry-After").map(v -> {
      try {
        return Duration.ofSeconds(Long.parseLong(v.trim()));
      } catch (NumberFormatException notSeconds) {
        return null;
      }
    }).orElse(null);
  }
}
