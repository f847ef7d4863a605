package dev.journeys.orders;

import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.MarketingChannel;
import java.time.Instant;
import java.util.List;

/**
 * An order to accept, whichever door it came through (the JSON API or a Shopify webhook): the order
 * itself, what it says about its customer, and the consents the customer gave with it.
 *
 * @param promises which of the order's dates the shop sent, rather than Journeys assumed
 */
record NewOrder(Order order, ContactDetails contact, List<Consent> consents, Promises promises) {

  NewOrder {
    consents = List.copyOf(consents);
  }

  /** An order whose dates Journeys assumed (Shopify sends none). */
  NewOrder(Order order, ContactDetails contact, List<Consent> consents) {
    this(order, contact, consents, Promises.NONE);
  }

  /**
   * @param at when the customer gave or withdrew it
   * @param source e.g. api or shopify-order
   */
  record Consent(MarketingChannel channel, boolean granted, Instant at, String source) {}
}
