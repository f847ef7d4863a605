package dev.journeys.notify.whatsapp;

import dev.journeys.notify.TwilioWebhooks;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The provider's delivery status callbacks for WhatsApp messages: verified and applied exactly as
 * SMS's are ({@link TwilioWebhooks}), with the WhatsApp account's auth token.
 */
@RestController
@ConditionalOnProperty(prefix = WhatsAppProperties.PREFIX, name = "enabled", havingValue = "true")
class WhatsAppWebhookController {

  private final WhatsAppProperties properties;
  private final WhatsAppConfiguration.WhatsAppStatusUrl statusUrl;
  private final TwilioWebhooks webhooks;

  WhatsAppWebhookController(WhatsAppProperties properties, WhatsAppConfiguration.WhatsAppStatusUrl statusUrl,
      TwilioWebhooks webhooks) {
    this.properties = properties;
    this.statusUrl = statusUrl;
    this.webhooks = webhooks;
  }

  @PostMapping(WhatsAppConfiguration.STATUS_PATH)
  ResponseEntity<String> status(HttpServletRequest request) throws IOException {
    // The status callback URL is ours to choose: it is what the provider signed.
    String signed = request.getQueryString() == null || request.getQueryString().isEmpty()
        ? statusUrl.url()
        : statusUrl.url() + "?" + request.getQueryString();
    return webhooks.status(request, signed, properties.authToken(), WhatsAppProperties.PREFIX + ".auth-token");
  }
}
