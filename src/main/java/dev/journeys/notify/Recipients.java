package dev.journeys.notify;

import dev.journeys.orders.Order;
import org.springframework.stereotype.Component;

/**
 * Resolves who receives a message: the customer record when the journey names a customer, else the
 * order's customer (orders taken before customer records existed). An order alone carries no
 * marketing consent, so marketing to such a recipient is skipped.
 */
@Component
class Recipients {

  private static final String FALLBACK_LOCALE = "en";

  private final ContactDirectory contacts;
  private final NotifyProperties properties;

  Recipients(ContactDirectory contacts, NotifyProperties properties) {
    this.contacts = contacts;
    this.properties = properties;
  }

  /**
   * @param order the message's order, or null for a customer-only message
   */
  Recipient resolve(MessageRequest request, Order order) {
    String orderLocale = order == null ? null : order.locale();
    if (request.customerId() != null) {
      return contacts
          .find(request.customerId())
          .map(c -> fromContact(c, orderLocale))
          .orElseThrow(
              // Ingestion records the customer before it starts a journey: a missing one is a
              // database not yet visible here, or an operator's mistake that an incident shows.
              () ->
                  SendFailure.retryable(
                      "Expected customer %s to exist, but it was not found"
                          .formatted(request.customerId()),
                      properties.retryBackoff()));
    }
    if (order == null) {
      throw SendFailure.permanent("Expected variable 'orderId' or 'customerId' to be set");
    }
    return new Recipient(
        null, order.customer().email(), order.customer().name(), localeOr(orderLocale), false, false);
  }

  /** @param orderLocale the locale of the message's order, used when the customer has none; may be null */
  static Recipient fromContact(ContactDirectory.Contact contact, String orderLocale) {
    String locale = contact.locale() != null ? contact.locale() : orderLocale;
    return new Recipient(
        contact.customerId(),
        contact.email(),
        contact.name(),
        localeOr(locale),
        contact.emailMarketingConsent(),
        contact.erased(),
        contact.phone(),
        contact.country(),
        contact.zone(),
        contact.smsConsent(),
        contact.pushConsent(),
        contact.givenName(),
        contact.familyName(),
        contact.whatsappConsent());
  }

  private static String localeOr(String locale) {
    return locale == null || locale.isBlank() ? FALLBACK_LOCALE : locale;
  }
}
