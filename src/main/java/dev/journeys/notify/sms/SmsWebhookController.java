package dev.journeys.notify.sms;

import dev.journeys.notify.TwilioWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The SMS provider's webhooks: delivery status callbacks and inbound messages. Both verify
 * X-Twilio-Signature through {@link TwilioWebhooks} (403 when it does not match, before anything is
 * read into the database) and answer 200 to every authentic call, even one about a message we do
 * not know, so the provider does not retry what retrying cannot fix; each call is recorded: an
 * applied status as the message's delivery decision, any other call in sms_event with its outcome.
 */
@RestController
class SmsWebhookController {

  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
  private static final String TOKEN_SETTING = "journeys.sms.auth-token";

  private final SmsProperties properties;
  private final SmsWebhookUrls urls;
  private final TwilioWebhooks webhooks;
  private final SmsKeywords keywords;

  SmsWebhookController(SmsProperties properties, SmsWebhookUrls urls, TwilioWebhooks webhooks,
      SmsKeywords keywords) {
    this.properties = properties;
    this.urls = urls;
    this.webhooks = webhooks;
    this.keywords = keywords;
  }

  @PostMapping(SmsWebhookUrls.STATUS_PATH)
  ResponseEntity<String> status(HttpServletRequest request) throws IOException {
    return webhooks.status(request, urls.signedUrl(SmsWebhookUrls.STATUS_PATH, request.getQueryString()),
        properties.authToken(), TOKEN_SETTING);
  }

  @PostMapping(SmsWebhookUrls.INBOUND_PATH)
  ResponseEntity<String> inbound(HttpServletRequest request) throws IOException {
    Map<String, List<String>> params = webhooks.verified(request,
        urls.signedUrl(SmsWebhookUrls.INBOUND_PATH, request.getQueryString()), properties.authToken(), TOKEN_SETTING);
    String from = TwilioWebhooks.first(params, "From");
    if (from == null) {
      return ResponseEntity.badRequest().body("Expected form field From, but it is missing");
    }
    String messageSid = TwilioWebhooks.first(params, "MessageSid");
    if (messageSid == null || messageSid.isBlank() || messageSid.length() > 64) {
      return ResponseEntity.badRequest().body("Expected form field MessageSid (the provider's message id, at most 64 "
          + "characters), but it is " + (messageSid == null || messageSid.isBlank() ? "missing" : "longer"));
    }
    if (keywords.firstTime(messageSid)) {
      keywords.apply(messageSid, from, TwilioWebhooks.first(params, "Body"));
    }
    // Empty TwiML: the provider sends its own opt-out confirmation; we reply nothing.
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(EMPTY_TWIML);
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(TwilioWebhooks.Forged.class)
  ResponseEntity<String> forged(TwilioWebhooks.Forged e) {
    return TwilioWebhooks.forged(e);
  }

  @org.springframework.web.bind.annotation.ExceptionHandler(TwilioWebhooks.TooLarge.class)
  ResponseEntity<String> tooLarge() {
    return TwilioWebhooks.tooLarge();
  }
}
