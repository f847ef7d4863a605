package dev.journeys.notify.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.TwilioResponses;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends WhatsApp content templates through a Twilio-compatible Messages API: a form-encoded POST to
 * {base}/2010-04-01/Accounts/{AccountSid}/Messages.json with basic auth, From and To as
 * whatsapp:+E164, ContentSid naming the approved template and ContentVariables its variables as
 * JSON ({"1":"...","2":"..."}), and StatusCallback where delivery status comes back.
 */
class TwilioWhatsAppTransport implements WhatsAppTransport {

  private final WhatsAppProperties properties;
  private final String statusCallback;
  private final ObjectMapper json;
  private final HttpClient http;

  TwilioWhatsAppTransport(WhatsAppProperties properties, String statusCallback, ObjectMapper json) {
    this.json = json;
    this.properties = properties;
    this.statusCallback = statusCallback;
    this.http = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
  }

  @Override
  public ChannelSupport.Accepted send(OutgoingWhatsApp message) {
    HttpResponse<String> response;
    try {
      response = http.send(request(message), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException notConnected) {
      throw new ChannelSupport.Unavailable("Expected the WhatsApp provider to answer, but: " + notConnected, null, false);
    } catch (IOException e) {
      // Connected, so the request may have gone out: no answer in time, or the connection broke.
      throw new ChannelSupport.Unavailable("Expected the WhatsApp provider to answer, but: " + e, null, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChannelSupport.Unavailable("Interrupted while sending a WhatsApp message", null, true);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return accepted(response.body());
    }
    String error = "HTTP %d%s".formatted(status, TwilioResponses.errorDetail(json, response.body()));
    if (status == 429 || status == 503) {
      throw new ChannelSupport.Unavailable(error, retryAfter(response), false);
    }
    if (status >= 500) {
      // A 500, 502 or 504 may come after the message was created.
      throw new ChannelSupport.Unavailable(error, retryAfter(response), true);
    }
    throw new ChannelSupport.Refused(error);
  }

  private HttpRequest request(OutgoingWhatsApp message) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("To", message.to());
    form.put("From", properties.fromAddress());
    form.put("ContentSid", message.contentSid());
    form.put("ContentVariables", variables(message));
    form.put("StatusCallback", statusCallback);
    String credentials = properties.accountSid() + ":" + (properties.authToken() == null ? "" : properties.authToken());
    return HttpRequest.newBuilder(URI.create(properties.baseUrl().replaceAll("/+$", "") + "/2010-04-01/Accounts/"
            + URLEncoder.encode(properties.accountSid(), StandardCharsets.UTF_8) + "/Messages.json"))
        .timeout(properties.timeout())
        .header("Authorization", "Basic "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
            .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"))))
        .build();
  }

  private String variables(OutgoingWhatsApp message) {
    try {
      return json.writeValueAsString(message.variables());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected content variables to be JSON, but: " + e.getMessage(), e);
    }
  }

  private ChannelSupport.Accepted accepted(String body) {
    try {
      JsonNode message = json.readTree(body);
      return new ChannelSupport.Accepted(TwilioResponses.text(message.path("sid")), TwilioResponses.text(message.path("status")));
    } catch (IOException | RuntimeException notJson) {
      return new ChannelSupport.Accepted(null, null);
    }
  }



  /** Retry-After in seconds; null when absent or not a number of seconds. */
  private static Duration retryAfter(HttpResponse<String> response) {
    return response.headers().firstValue("Retry-After").map(String::trim).map(value -> {
      try {
        return Duration.ofSeconds(Long.parseLong(value));
      } catch (NumberFormatException notSeconds) {
        return null;
      }
    }).orElse(null);
  }
}
