package dev.journeys.notify;

import java.util.Optional;

/**
 * Where notify looks up how to reach a customer, at send time (process variables carry only ids).
 * An interface so notify states exactly what it needs from the customers module, in one adapter.
 */
interface ContactDirectory {

  /** The customer's contact details and consents; empty when there is no such customer. */
  Optional<Contact> find(String customerId);

  /**
   * Withdraws the customer's marketing consent on this channel (an unsubscribe). Idempotent.
   *
   * @return false when there is no such customer
   */
  boolean unsubscribe(String customerId, Channel channel);

  /**
   * @param email null when the customer gave none
   * @param locale a BCP 47 tag, or null to use the order's
   * @param erased the customer asked for erasure: nothing may be sent
   */
  record Contact(
      String customerId,
      String email,
      String name,
      String locale,
      boolean emailMarketingConsent,
      boolean erased) {}
}
