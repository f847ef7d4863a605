package dev.journeys.notify;

/**
 * Who a message goes to, resolved at send time.
 *
 * @param customerId null when the contact details came from an order without a customer record
 * @param locale the language tag templates are chosen by
 */
record Recipient(
    String customerId,
    String email,
    String name,
    String locale,
    boolean emailMarketingConsent,
    boolean erased) {}
