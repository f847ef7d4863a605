package dev.journeys.orders;

import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.MarketingChannel;
import java.time.Instant;
import java.util.List;

/**
 * An order to accept, whichever door it came through (the JSON API or a Shopify webhook): the order
 * itself, what it says about its customer, and the consents the customer gave with it.
 */
record NewOrder(Order order, ContactDetails contact, List<Consent> consents) {

  NewOrder {
    consents = List.copyOf(consents);
  }

  /**
   * @param at when the customer gave or withdrew it
   * @param source e.g. api or shopify-order
   */
  record Consent(MarketingChannel channel, boolean granted, Instant at, String source) {}
}
