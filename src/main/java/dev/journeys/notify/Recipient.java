package dev.journeys.notify;

import java.time.ZoneId;

/**
 * Who a message goes to, resolved at send time.
 *
 * @param customerId null when the contact details came from an order without a customer record
 * @param locale the language tag templates are chosen by
 * @param phone as the shop sent it (maybe national format); null when unknown
 * @param country ISO 3166-1 alpha-2, to read national phone numbers; null when unknown
 * @param zone for quiet hours; null when unknown
 * @param smsConsent the customer opted in to SMS (the one SMS consent: it covers both purposes)
 * @param pushConsent the customer agreed to marketing push (transactional push needs a device only)
 * @param givenName null unless the shop sent the name in parts (see {@link Greetings})
 * @param familyName null unless the shop sent the name in parts
 * @param whatsappConsent the customer opted in to WhatsApp messages (apart from SMS)
 */
public record Recipient(
    String customerId,
    String email,
    String name,
    String locale,
    boolean emailMarketingConsent,
    boolean erased,
    String phone,
    String country,
    ZoneId zone,
    boolean smsConsent,
    boolean pushConsent,
    String givenName,
    String familyName,
    boolean whatsappConsent) {

  /** A recipient known only by email (an order without a customer record, or a test). */
  Recipient(String customerId, String email, String name, String locale, boolean emailMarketingConsent,
      boolean erased) {
    this(customerId, email, name, locale, emailMarketingConsent, erased, null, null, null, false, false, null, null,
        false);
  }

  /** Masks contact details: records end up in logs through string concatenation. */
  @Override
  public String toString() {
    return "Recipient[customerId=%s, email=%s, phone=%s, locale=%s, zone=%s, smsConsent=%s]"
        .formatted(customerId, EmailMasking.mask(email), PhoneNumbers.mask(phone), locale, zone, smsConsent);
  }
}
