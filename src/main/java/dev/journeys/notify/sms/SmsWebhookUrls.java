package dev.journeys.notify.sms;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The public addresses of the SMS webhooks: what we tell the provider to call, and what it signed
 * when it calls (behind a proxy the request's own URL is not the one the provider used).
 */
@Component
class SmsWebhookUrls {

  static final String STATUS_PATH = "/webhooks/sms/status";
  static final String INBOUND_PATH = "/webhooks/sms/inbound";

  private final String base;
  private final String statusCallback;

  SmsWebhookUrls(SmsProperties sms,
      @Value("${journeys.public-base-url:http://localhost:8080}") String publicBaseUrl) {
    String configured = sms.webhookBaseUrl();
    this.base = (configured == null || configured.isBlank() ? publicBaseUrl : configured).replaceAll("/+$", "");
    this.statusCallback = sms.statusCallbackUrl() == null || sms.statusCallbackUrl().isBlank()
        ? base + STATUS_PATH
        : sms.statusCallbackUrl();
  }

  String statusCallback() {
    return statusCallback;
  }

  /** The URL the provider called for this path and query, as it signed it. */
  String signedUrl(String path, String query) {
    // The status callback URL is ours to choose (journeys.sms.status-callback-url): it is what was signed.
    if (STATUS_PATH.equals(path) && (query == null || query.isEmpty())) {
      return statusCallback;
    }
    return base + path + (query == null || query.isEmpty() ? "" : "?" + query);
  }
}
