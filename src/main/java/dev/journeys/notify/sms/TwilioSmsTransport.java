package dev.journeys.notify.sms;

import dev.journeys.notify.TwilioResponses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through a Twilio-compatible Messages API: a form-encoded POST to
 * {base}/2010-04-01/Accounts/{AccountSid}/Messages.json with basic auth. The JDK client rather
 * than an SDK: two calls, and the same code talks to Twilio, its look-alikes and WireMock.
 *
 * <p>The API takes no idempotency key, so an attempt whose answer never came may have sent the SMS.
 * Before sending it again, {@link #find} lists the latest messages to the same number
 * (GET Messages.json?To=...) and looks for one with the same text created since that attempt.
 */
class TwilioSmsTransport implements SmsTransport {

  private static final Logger log = LoggerFactory.getLogger(TwilioSmsTransport.class);

  /** How many of the latest messages to the number {@link #find} reads: far more than one customer gets in minutes. */
  static final int LOOKUP_PAGE_SIZE = 50;

  /** How far the provider's clock may be behind ours when it stamps date_created. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

  private final SmsProperties properties;
  private final Clock clock;
  private final ObjectMapper json;
  private final HttpClient http;
  private final String statusCallback;

  /** @param statusCallback where the provider reports delivery status (our /webhooks/sms/status) */
  TwilioSmsTransport(SmsProperties properties, Clock clock, String statusCallback, ObjectMapper json) {
    this.json = json;
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
    } catch (HttpConnectTimeoutException | ConnectException notConnected) {
      throw new Unavailable("Expected the SMS provider to answer, but: " + notConnected, null);
    } catch (IOException e) {
      // Connected, so the request may have gone out: no answer in time, or the connection broke.
      throw new Unavailable("Expected the SMS provider to answer, but: " + e, null, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted while sending an SMS", null, true);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return accepted(response.body());
    }
    String error = "HTTP %d%s".formatted(status, TwilioResponses.errorDetail(json, response.body()));
    if (status == 429 || status == 503) {
      // Refused before any work: it did not take the message.
      throw new Unavailable(error, retryAfter(response));
    }
    if (status >= 500) {
      // A 500, 502 or 504 may come after the message was created (an error or proxy timeout later on).
      throw new Unavailable(error, retryAfter(response), true);
    }
    throw new Refused(error);
  }

  @Override
  public Optional<Accepted> find(OutgoingSms sms, Instant since, Predicate<String> ours) {
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(messagesUrl() + "?To="
                  + URLEncoder.encode(sms.to(), StandardCharsets.UTF_8) + "&PageSize=" + LOOKUP_PAGE_SIZE))
              .timeout(properties.timeout())
              .header("Authorization", authorization())
              .header("Accept", "application/json")
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Unavailable("Expected the SMS provider to list its messages, but: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("Interrupted while listing the SMS provider's messages", null);
    }
    int status = response.statusCode();
    String error = "HTTP %d%s".formatted(status, TwilioResponses.errorDetail(json, response.body()));
    if (status == 429 || status >= 500) {
      throw new Unavailable("Expected the SMS provider to list its messages, but: " + error, retryAfter(response));
    }
    JsonNode messages = status / 100 == 2 ? messages(response.body()) : null;
    if (messages == null) {
      log.warn("The SMS provider did not list its messages ({}); {} is sent again and may arrive twice",
          status / 100 == 2 ? "an answer without a messages array" : error, sms.messageId());
      return Optional.empty();
    }
    Instant earliest = since.minus(CLOCK_SKEW);
    for (JsonNode message : messages) {
      String sid = TwilioResponses.text(message.path("sid"));
      Instant created = instant(TwilioResponses.text(message.path("date_created")));
      if (sid != null && created != null && !created.isBefore(earliest)
          && sms.body().equals(message.path("body").asText(null)) && !ours.test(sid)) {
        return Optional.of(new Accepted(sid, TwilioResponses.text(message.path("status"))));
      }
    }
    return Optional.empty();
  }

  private JsonNode messages(String body) {
    try {
      JsonNode messages = json.readTree(body).path("messages");
      return messages.isArray() ? messages : null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  /** Twilio writes dates as RFC 1123 ("Tue, 24 Nov 2026 06:30:00 +0000"); look-alikes may use ISO 8601. */
  private static Instant instant(String date) {
    if (date == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (RuntimeException notRfc1123) {
      try {
        return OffsetDateTime.parse(date).toInstant();
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
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
    return HttpRequest.newBuilder(URI.create(messagesUrl()))
        .timeout(properties.timeout())
        .header("Authorization", authorization())
        .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
        .build();
  }

  private String messagesUrl() {
    return trimSlash(properties.baseUrl()) + "/2010-04-01/Accounts/"
        + URLEncoder.encode(properties.accountSid(), StandardCharsets.UTF_8) + "/Messages.json";
  }

  private String authorization() {
    String credentials = properties.accountSid() + ":" + (properties.authToken() == null ? "" : properties.authToken());
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  /** The sid and status of Twilio's answer; both null when the body is not the JSON we expect. */
  private Accepted accepted(String body) {
    try {
      JsonNode message = json.readTree(body);
      return new Accepted(TwilioResponses.text(message.path("sid")), TwilioResponses.text(message.path("status")));
    } catch (IOException | RuntimeException notJson) {
      return new Accepted(null, null);
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
