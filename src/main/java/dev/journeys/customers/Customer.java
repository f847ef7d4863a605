package dev.journeys.customers;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A customer as messages need them at send time: how to reach them, in which language and time
 * zone, and what they agreed to.
 *
 * @param id Journeys' customer id, the {@code customerId} process variable
 * @param email null when the customer gave none (or was erased)
 * @param phone E.164 where the shop sent it so; null when unknown
 * @param locale a BCP 47 tag such as en or zh-CN; null when unknown
 * @param timeZone an IANA zone id such as Europe/Berlin; null when unknown
 * @param country an ISO 3166-1 alpha-2 code; null when unknown
 * @param firstOrderAt when the first order was placed; null before the first journey started
 * @param erasedAt when the customer's data was erased: nothing may be sent; null otherwise
 * @param pushMarketing marketing consent on push (transactional push needs only a device)
 * @param givenName the given name when the shop sent the name in parts; null otherwise
 * @param familyName the family name when the shop sent the name in parts; null otherwise
 * @param whatsappOptIn the customer's opt-in to WhatsApp messages, apart from SMS
 */
public record Customer(
    String id,
    String email,
    String phone,
    String name,
    String locale,
    String timeZone,
    String country,
    Consent emailMarketing,
    Consent smsMarketing,
    Instant firstOrderAt,
    Instant erasedAt,
    Consent pushMarketing,
    String givenName,
    String familyName,
    Consent whatsappOptIn) {

  /** A customer without a WhatsApp opt-in on record. */
  public Customer(String id, String email, String phone, String name, String locale, String timeZone,
      String country, Consent emailMarketing, Consent smsMarketing, Instant firstOrderAt, Instant erasedAt,
      Consent pushMarketing, String givenName, String familyName) {
    this(id, email, phone, name, locale, timeZone, country, emailMarketing, smsMarketing, firstOrderAt,
        erasedAt, pushMarketing, givenName, familyName, Consent.NONE);
  }

  /** A customer whose name is known as one string only. */
  public Customer(String id, String email, String phone, String name, String locale, String timeZone,
      String country, Consent emailMarketing, Consent smsMarketing, Instant firstOrderAt, Instant erasedAt,
      Consent pushMarketing) {
    this(id, email, phone, name, locale, timeZone, country, emailMarketing, smsMarketing, firstOrderAt,
        erasedAt, pushMarketing, null, null);
  }

  public boolean erased() {
    return erasedAt != null;
  }

  /** The customer's zone, for quiet hours; empty when unknown or not a zone this JVM knows. */
  public Optional<ZoneId> zone() {
    try {
      return timeZone == null ? Optional.empty() : Optional.of(ZoneId.of(timeZone));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  public Consent consent(MarketingChannel channel) {
    return switch (channel) {
      case EMAIL -> emailMarketing;
      case SMS -> smsMarketing;
      case PUSH -> pushMarketing;
      case WHATSAPP -> whatsappOptIn;
    };
  }

  /**
   * Marketing consent on one channel.
   *
   * @param granted false when withdrawn or never given
   * @param updatedAt when the customer gave or withdrew it; null when never asked
   * @param source who told us, e.g. api, shopify-order, shopify-consent, unsubscribe
   */
  public record Consent(boolean granted, Instant updatedAt, String source) {

    public static final Consent NONE = new Consent(false, null, null);
  }

  /** Masks contact details: records end up in logs through string concatenation. */
  @Override
  public String toString() {
    return "Customer[id=%s, email=%s, phone=%s, locale=%s, timeZone=%s, country=%s, emailMarketing=%s, smsMarketing=%s, firstOrderAt=%s, erasedAt=%s]"
        .formatted(id, Masked.email(email), Masked.phone(phone), locale, timeZone, country,
            emailMarketing, smsMarketing, firstOrderAt, erasedAt);
  }
}
