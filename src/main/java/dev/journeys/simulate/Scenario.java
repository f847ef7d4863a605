package dev.journeys.simulate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * One course of events for one customer and one order (docs/SIMULATE.md): who the customer is, what
 * they ordered, and what happens when, relative to the order.
 *
 * @param start when the order is placed; every offset counts from here
 * @param horizon how long the simulation may run at most (default 400 days)
 */
public record Scenario(String name, Instant start, Duration horizon, Customer customer, Order order,
    List<Event> events) {

  /**
   * @param consents the consents given at checkout, by channel (email, sms, whatsapp); a channel
   *     left out was not asked
   */
  public record Customer(String id, String name, String email, String phone, String country, String locale,
      ZoneId timeZone, Map<String, Boolean> consents) {}

  /** A line of the order. */
  public record Item(String sku, String name, int quantity, BigDecimal unitPrice) {}

  /** The order; promised dates are instants already resolved from their offsets (null: the shop's default). */
  public record Order(String id, String currency, BigDecimal total, List<Item> items, Instant promisedShipBy,
      Instant promisedDeliverBy, LocalDate estimatedDelivery) {}

  /** What can happen to an order after it is placed. */
  public enum Kind {
    SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, READY_FOR_PICKUP, DELIVERED,
    DELAYED, FAILED_ATTEMPT, EXCEPTION,
    CANCELLED, RATING, UNSUBSCRIBE;

    /** How the scenario file spells it: in-transit, failed-attempt, ... */
    public String spelling() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One event.
   *
   * @param offset from the scenario's start
   * @param argument the rating (1-5), the cancellation reason, or the channel of an unsubscribe (email, sms)
   * @param line the line of the scenario file it was read from (0 when not read from a file)
   */
  public record Event(Duration offset, Kind kind, String argument, int line) {

    public String describe() {
      return kind.spelling() + (argument == null ? "" : " " + argument);
    }
  }
}
