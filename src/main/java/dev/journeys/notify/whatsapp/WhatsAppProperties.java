package dev.journeys.notify.whatsapp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The WhatsApp channel: business-initiated messages as approved content templates, sent through a
 * Twilio-compatible Messages API. Without an account SID, messages go to the sandbox (table
 * sandbox_whatsapp, GET /api/sandbox/whatsapp).
 *
 * @param enabled whether the channel exists at all (steps may name it in their channels header)
 * @param baseUrl the API's root; tests point it at WireMock
 * @param accountSid the account the messages are sent under; unset means sandbox
 * @param authToken the basic-auth password, which also signs the status callbacks; set it from the
 *     environment (JOURNEYS_NOTIFY_WHATSAPP_AUTHTOKEN), never commit one
 * @param from the WhatsApp sender, +E164 or whatsapp:+E164
 * @param statusCallbackUrl where the provider reports delivery status; unset, it is
 *     {journeys.public-base-url}/webhooks/whatsapp/status
 * @param templates the approved content template (its content SID, HX...) of each message
 *     template, per locale: templates.shipping-update.en=HX...
 * @param timeout how long one API call may take before it counts as a provider failure
 */
@ConfigurationProperties("journeys.notify.whatsapp")
record WhatsAppProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("https://api.twilio.com") String baseUrl,
    String accountSid,
    String authToken,
    String from,
    String statusCallbackUrl,
    Map<String, Map<String, String>> templates,
    @DefaultValue("10s") Duration timeout) {

  static final String PREFIX = "journeys.notify.whatsapp";

  WhatsAppProperties {
    // Locale keys compared without case: a properties file may write zh-CN, relaxed binding zh-cn.
    Map<String, Map<String, String>> normalised = new LinkedHashMap<>();
    if (templates != null) {
      templates.forEach((template, locales) -> {
        Map<String, String> sids = new LinkedHashMap<>();
        if (locales != null) {
          locales.forEach((locale, sid) -> sids.put(locale.toLowerCase(Locale.ROOT), sid));
        }
        normalised.put(template, sids);
      });
    }
    templates = normalised;
  }

  boolean sandbox() {
    return accountSid == null || accountSid.isBlank();
  }

  /** The content SID of a template in a locale; null when none is configured. */
  String contentSid(String template, String tag) {
    Map<String, String> locales = templates.get(template);
    return locales == null ? null : locales.get(tag.toLowerCase(Locale.ROOT));
  }

  /** The sender as a WhatsApp address: whatsapp:+E164. */
  String fromAddress() {
    return from == null || from.isBlank() ? null : WhatsAppChannel.address(from.strip().replaceFirst("^whatsapp:", ""));
  }
}
