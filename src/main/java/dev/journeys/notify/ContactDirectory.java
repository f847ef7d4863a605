package dev.journeys.notify;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Where notify looks up how to reach a customer, at send time (process variables carry only ids).
 * An interface so notify states exactly what it needs from the customers module, in one adapter.
 */
public interface ContactDirectory {

  /** The customer's contact details and consents; empty when there is no such customer. */
  Optional<Contact> find(String customerId);

  /**
   * Withdraws the customer's marketing consent on this channel (an unsubscribe). Idempotent.
   *
   * @return false when there is no such customer
   */
  boolean unsubscribe(String customerId, Channel channel);

  /**
   * Gives or withdraws the customer's consent on this channel now, as they just asked.
   *
   * @param source e.g. sms-stop, preference-centre
   * @return false when there is no such customer
   */
  boolean changeConsent(String customerId, Channel channel, boolean granted, String source);

  /** The customer's push device tokens; empty when none is registered. */
  List<String> devices(String customerId);

  /** Removes a device token the push service reported unregistered. */
  void removeDevice(String customerId, String token);

  /** The customers with this phone number (E.164). */
  List<String> findByPhone(String e164);

  /**
   * @param email null when the customer gave none
   * @param locale a BCP 47 tag, or null to use the order's
   * @param erased the customer asked for erasure: nothing may be sent
   * @param phone as the shop sent it; null when unknown
   * @param country ISO 3166-1 alpha-2; null when unknown
   * @param zone the customer's time zone; null when unknown
   * @param smsConsent the customer opted in to SMS
   * @param givenName null unless the shop sent the name in parts
   * @param familyName null unless the shop sent the name in parts
   * @param whatsappConsent the customer opted in to WhatsApp messages
   */
  public record Contact(
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

    @Override
    public String toString() {
      return "Contact[customerId=%s, email=%s, phone=%s]"
          .formatted(customerId, EmailMasking.mask(email), PhoneNumbers.mask(phone));
    }
  }
}
