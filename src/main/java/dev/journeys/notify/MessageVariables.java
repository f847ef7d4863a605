package dev.journeys.notify;

import java.util.Map;

/**
 * Lets another module add variables to message templates without notify knowing it: feedback adds
 * its signed rating links this way. Beans of this type are asked for every message.
 */
public interface MessageVariables {

  /**
   * Variables to add; their names must not clash with notify's own (orderId, items, ...).
   *
   * @param orderId null for customer-only messages
   * @param customerId null for messages addressed from an order alone
   */
  Map<String, Object> variables(String template, String orderId, String customerId);
}
