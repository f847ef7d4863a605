package dev.journeys.notify;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMS provider's webhooks: delivery status callbacks and inbound messages. Both verify
 * X-Twilio-Signature (403 when it does not match, before anything is read into the database) and
 * answer 200 to every authentic call, even one about a message we do not know, so the provider
 * does not retry what retrying cannot fix; each call is recorded: an applied
 * status as the message's delivery decision, any other call in sms_event with its outcome.
 */
@RestController
class SmsWebhookController {

  private static final Logger log = LoggerFactory.getLogger(SmsWebhookController.class);
  private static final int MAX_BODY = 64 * 1024;
  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private final SmsProperties properties;
  private final SmsWebhookUrls urls;
  private final DeliveryStatuses statuses;
  private final SmsKeywords keywords;

  SmsWebhookController(SmsProperties properties, SmsWebhookUrls urls, DeliveryStatuses statuses,
      SmsKeywords keywords) {
    this.properties = properties;
    this.urls = urls;
    this.statuses = statuses;
    this.keywords = keywords;
  }

  @PostMapping(SmsWebhookUrls.STATUS_PATH)
  ResponseEntity<String> status(HttpServletRequest request) throws IOException {
    Map<String, List<String>> params = verified(request, SmsWebhookUrls.STATUS_PATH);
    String sid = first(params, "MessageSid");
    String status = first(params, "MessageStatus");
    if (sid == null || status == null) {
      return ResponseEntity.badRequest().body("Expected form fields MessageSid and MessageStatus, but "
          + (sid == null ? "MessageSid" : "MessageStatus") + " is missing");
    }
    DeliveryStatuses.Applied applied = statuses.applyAndRecord(sid, status, first(params, "ErrorCode"));
    if (applied == DeliveryStatuses.Applied.UNKNOWN_MESSAGE) {
      log.info("Status {} for SMS {} that this app did not send (or no longer keeps); recorded it", status, sid);
    }
    return ResponseEntity.ok().build();
  }

  @PostMapping(SmsWebhookUrls.INBOUND_PATH)
  ResponseEntity<String> inbound(HttpServletRequest request) throws IOException {
    Map<String, List<String>> params = verified(request, SmsWebhookUrls.INBOUND_PATH);
    String from = first(params, "From");
    if (from == null) {
      return ResponseEntity.badRequest().body("Expected form field From, but it is missing");
    }
    keywords.apply(first(params, "MessageSid"), from, first(params, "Body"));
    // Empty TwiML: the provider sends its own opt-out confirmation; we reply nothing.
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
  }

  private Map<String, List<String>> verified(HttpServletRequest request, String path) throws IOException {
    Map<String, List<String>> params = bodyParams(request);
    String url = urls.signedUrl(path, request.getQueryString());
    if (!TwilioSignature.matches(properties.authToken(), url, params, request.getHeader("X-Twilio-Signature"))) {
      log.warn("Refused a call to {} whose X-Twilio-Signature does not match (signed URL {})", path, url);
      throw new ForgedWebhook(properties.authToken() == null || properties.authToken().isBlank()
          ? "Expected journeys.sms.auth-token to be set to verify X-Twilio-Signature, but it is not"
          : "Expected X-Twilio-Signature to sign " + url + " and the form with the auth token, but it does not");
    }
    return params;
  }

  /**
   * The form fields of the body alone: the query string is part of the signed URL, not of the
   * signed parameters. Read from the raw body; when a filter already consumed it, from the
   * container's parameters less those of the query string.
   */
  private static Map<String, List<String>> bodyParams(HttpServletRequest request) throws IOException {
    // Provider callbacks are a few hundred bytes: read no more than a generous bound before verifying.
    byte[] raw = request.getInputStream().readNBytes(MAX_BODY + 1);
    if (raw.length > MAX_BODY) {
      throw new TooLarge();
    }
    String body = new String(raw, StandardCharsets.UTF_8);
    if (!body.isEmpty() || request.getParameterMap().isEmpty()) {
      return parse(body);
    }
    Map<String, List<String>> query = parse(request.getQueryString() == null ? "" : request.getQueryString());
    Map<String, List<String>> params = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> {
      List<String> remaining = new ArrayList<>(List.of(values));
      query.getOrDefault(name, List.of()).forEach(remaining::remove);
      if (!remaining.isEmpty()) {
        params.put(name, remaining);
      }
    });
    return params;
  }

  private static Map<String, List<String>> parse(String form) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] nameValue = pair.split("=", 2);
      params.computeIfAbsent(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8), n -> new ArrayList<>())
          .add(nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(ForgedWebhook.class)
  ResponseEntity<String> forged(ForgedWebhook e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(TooLarge.class)
  ResponseEntity<String> tooLarge() {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.TEXT_PLAIN)
        .body("Expected a webhook body of at most " + MAX_BODY + " bytes");
  }

  static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  static final class ForgedWebhook extends RuntimeException {
    ForgedWebhook(String message) {
      super(message);
    }
  }
}
