package dev.journeys.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends through a Twilio-compatible Messages API: a form-encoded POST to
 * {base}/2010-04-01/Accounts/{AccountSid}/Messages.json with basic auth. The JDK client rather
 * than an SDK: one call, and the same code talks to Twilio, its look-alikes and WireMock.
 */
class TwilioSmsTransport implements SmsTransport {

  private final SmsProperties properties;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http;
  private final String statusCallback;

  /** @param statusCallback where the provider reports delivery status (our /webhooks/sms/status) */
  TwilioSmsTransport(SmsProperties properties, Clock clock, String statusCallback) {
    this.properties = properties;
    this.clock = clock;
    this.statusCallback = statusCallback;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  @Override
  public Accepted send(OutgoingSms sms) {
    HttpResponse<String> response;
    try {
      response = http.send(request(sms), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable("Expected the SMS provider to answer, but: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted while sending an SMS", null);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return accepted(response.body());
    }
    String error = "HTTP %d%s".formatted(status, providerError(response.body()));
    if (status == 429 || status >= 500) {
      throw new Unavailable(error, retryAfter(response));
    }
    throw new Refused(error);
  }

  private HttpRequest request(OutgoingSms sms) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", sms.to());
    if (properties.messagingServiceSid() != null && !properties.messagingServiceSid().isBlank()) {
      form.put("MessagingServiceSid", properties.messagingServiceSid());
    } else {
      form.put("From", properties.from());
    }
    form.put("Body", sms.body());
    form.put("StatusCallback", statusCallback);
    String credentials = properties.accountSid() + ":" + (properties.authToken() == null ? "" : properties.authToken());
    return HttpRequest.newBuilder(URI.create(trimSlash(properties.baseUrl()) + "/2010-04-01/Accounts/"
            + URLEncoder.encode(properties.accountSid(), StandardCharsets.UTF_8) + "/Messages.json"))
        .timeout(properties.timeout())
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
        .build();
  }

  /** The sid and status of Twilio's answer; both null when the body is not the JSON we expect. */
  private Accepted accepted(String body) {
    try {
      JsonNode message = json.readTree(body);
      return new Accepted(text(message.path("sid")), text(message.path("status")));
    } catch (IOException | RuntimeException notJson) {
      return new Accepted(null, null);
    }
  }

  private static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  /** ", code 21211: message" from Twilio's error body; numbers in it are masked for the logs. */
  private String providerError(String body) {
    try {
      JsonNode error = json.readTree(body);
      String code = error.path("code").asText("");
      String message = PhoneNumbers.maskAll(error.path("message").asText(""));
      return code.isEmpty() ? (message.isEmpty() ? "" : ": " + message) : ", code " + code + ": " + message;
    } catch (IOException | RuntimeException notJson) {
      return "";
    }
  }

  /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
  private Duration retryAfter(HttpResponse<String> response) {
    return response.headers().firstValue("Retry-After").map(String::trim).map(value -> {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException notSeconds) {
        try {
          Duration until = Duration.between(clock.instant(),
              ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
          return until.isNegative() ? Duration.ZERO : until;
        } catch (RuntimeException unreadable) {
          return null;
        }
      }
    }).orElse(null);
  }

  private static String encode(Map<String, String> form) {
    return form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static String trimSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
