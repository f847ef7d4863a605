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
import org.springframework.stereotype.Component;

/**
 * Calls from a Twilio-compatible provider, for every channel that sends through one (SMS,
 * WhatsApp): X-Twilio-Signature verified on the form before anything is read into the database
 * (403 when it does not match), and delivery status callbacks applied to the outbox by the
 * provider's message id, forward only. Every authentic call is answered 200, even one about a
 * message we do not know, so the provider does not retry what retrying cannot fix.
 */
@Component
public class TwilioWebhooks {

  private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);
  static final int MAX_BODY = 64 * 1024;

  private final DeliveryStatuses statuses;

  TwilioWebhooks(DeliveryStatuses statuses) {
    this.statuses = statuses;
  }

  /**
   * Handles a delivery status callback: MessageSid and MessageStatus (and ErrorCode) from the form.
   *
   * @param signedUrl the URL the provider called, as it signed it
   * @param authToken the account's auth token that signs the call
   * @param tokenSetting the setting that holds the token, for the error message
   */
  public ResponseEntity<String> status(HttpServletRequest request, String signedUrl, String authToken,
      String tokenSetting) throws IOException {
    Map<String, List<String>> params;
    try {
      params = verified(request, signedUrl, authToken, tokenSetting);
    } catch (Forged e) {
      return forged(e);
    } catch (TooLarge e) {
      return tooLarge();
    }
    String sid = first(params, "MessageSid");
    String status = first(params, "MessageStatus");
    if (sid == null || status == null) {
      return ResponseEntity.badRequest().body("Expected form fields MessageSid and MessageStatus, but "
          + (sid == null ? "MessageSid" : "MessageStatus") + " is missing");
    }
    DeliveryStatuses.Applied applied = statuses.applyAndRecord(sid, status, first(params, "ErrorCode"));
    if (applied == DeliveryStatuses.Applied.UNKNOWN_MESSAGE) {
      log.info("Status {} for message {} that this app did not send (or no longer keeps); recorded it", status, sid);
    }
    return ResponseEntity.ok().build();
  }

  /**
   * Records a call about something other than a delivery status (an inbound message, say) in
   * sms_event, with what came of it.
   *
   * @param kind e.g. inbound
   * @param detail e.g. the keyword it carried
   * @param outcome e.g. opted-out, ignored
   */
  public void recordEvent(String kind, String messageSid, String detail, String customerId, String outcome) {
    statuses.record(kind, messageSid, detail, customerId, outcome);
  }

  /**
   * The call's form fields, once X-Twilio-Signature proves the provider signed them and the URL.
   *
   * @throws Forged when the signature does not match (or no token is configured to check it)
   * @throws TooLarge when the body is larger than any callback
   */
  public Map<String, List<String>> verified(HttpServletRequest request, String signedUrl, String authToken,
      String tokenSetting) throws IOException {
    Map<String, List<String>> params = bodyParams(request);
    if (!TwilioSignature.matches(authToken, signedUrl, params, request.getHeader("X-Twilio-Signature"))) {
      log.warn("Refused a call to {} whose X-Twilio-Signature does not match (signed URL {})",
          request.getRequestURI(), signedUrl);
      throw new Forged(authToken == null || authToken.isBlank()
          ? "Expected " + tokenSetting + " to be set to verify X-Twilio-Signature, but it is not"
          : "Expected X-Twilio-Signature to sign " + signedUrl + " and the form with the auth token, but it does not");
    }
    return params;
  }

  public static ResponseEntity<String> forged(Forged e) {
    return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN).body(e.getMessage());
  }

  public static ResponseEntity<String> tooLarge() {
    return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.TEXT_PLAIN)
        .body("Expected a webhook body of at most " + MAX_BODY + " bytes");
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

  /** The first value of a form field; null when it is absent or blank. */
  public static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
  }

  /** A body larger than any callback: answer {@link #tooLarge()}. */
  public static final class TooLarge extends RuntimeException {
    TooLarge() {
      super(null, null, false, false);
    }
  }

  /** A call whose signature does not match: answer {@link #forged}. */
  public static final class Forged extends RuntimeException {
    Forged(String message) {
      super(message);
    }
  }
}
