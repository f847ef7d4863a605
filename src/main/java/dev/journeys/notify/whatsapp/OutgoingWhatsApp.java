package dev.journeys.notify.whatsapp;

import dev.journeys.notify.PhoneNumbers;
import java.util.Map;

/**
 * One WhatsApp message, ready to send: an approved content template and its variables.
 *
 * @param to whatsapp:+E164
 * @param contentSid the approved content template (HX...)
 * @param variables the template's variables by number ("1", "2", ...), in order
 * @param locale the language tag the template was chosen for
 */
record OutgoingWhatsApp(String messageId, String to, String contentSid, Map<String, String> variables,
    String locale) {

  OutgoingWhatsApp {
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }

  /** Masks the number: records end up in logs through string concatenation. */
  @Override
  public String toString() {
    return "OutgoingWhatsApp[messageId=%s, to=%s, contentSid=%s, locale=%s]"
        .formatted(messageId, masked(to), contentSid, locale);
  }

  static String masked(String address) {
    return address == null ? null : "whatsapp:" + PhoneNumbers.mask(address.replaceFirst("^whatsapp:", ""));
  }
}
