package dev.journeys.scenarios;

import dev.journeys.orders.ShopifyWebhooks;
import java.util.UUID;

/**
 * A customer of the shop, new to it: each scenario gets its own, so the one Spring context (and
 * the one SMTP server) of the test class can hold every scenario's mail apart.
 *
 * @param emailConsent what the customer agreed to at checkout; null when the shop says nothing
 */
record Buyer(String customerId, String email, String name, String locale, Boolean emailConsent) {

  /** A new customer who agreed to marketing email at checkout. */
  static Buyer named(String first, String locale) {
    String unique = UUID.randomUUID().toString().substring(0, 8);
    return new Buyer("c-" + first.toLowerCase() + "-" + unique,
        first.toLowerCase() + "-" + unique + "@example.com", first + " Tester", locale, true);
  }

  Buyer withoutConsent() {
    return new Buyer(customerId, email, name, locale, false);
  }

  /** A new Shopify customer: Shopify's ids are numbers; consent comes from its consent topics. */
  static Buyer shopify(String first, String locale) {
    Buyer buyer = named(first, locale);
    return new Buyer(ShopifyWebhooks.newId(), buyer.email(), buyer.name(), locale, null);
  }
}
