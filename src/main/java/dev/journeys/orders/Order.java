package dev.journeys.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as the shop sent it, the journey it started, and how far its shipment has come.
 *
 * @param locale a BCP 47 language tag such as {@code en} or {@code zh-CN}
 * @param estimatedDelivery null when neither the shop nor the carrier gave a date
 * @param journeyKey the post-purchase process instance key; null for the moment while it starts
 * @param customerId Journeys' customer id (see dev.journeys.customers); null for orders taken
 *     before customers were recorded
 * @param placedAt when the customer placed it (the shop's time, else when we received it)
 * @param shipment never null: {@link Shipment#NONE} before the first shipment event
 * @param cancellation null unless the order was cancelled
 */
public record Order(
    String orderId,
    Customer customer,
    List<Item> items,
    BigDecimal total,
    String currency,
    String locale,
    LocalDate estimatedDelivery,
    Long journeyKey,
    Instant receivedAt,
    String customerId,
    Instant placedAt,
    Instant promisedShipBy,
    Instant promisedDeliverBy,
    Shipment shipment,
    Cancellation cancellation) {

  public Order {
    items = List.copyOf(items);
    shipment = shipment == null ? Shipment.NONE : shipment;
    placedAt = placedAt == null ? receivedAt : placedAt;
  }

  /** An order as the thin slice knew it: no customer record, promises or shipment yet. */
  public Order(
      String orderId,
      Customer customer,
      List<Item> items,
      BigDecimal total,
      String currency,
      String locale,
      LocalDate estimatedDelivery,
      Long journeyKey,
      Instant receivedAt) {
    this(orderId, customer, items, total, currency, locale, estimatedDelivery, journeyKey,
        receivedAt, null, receivedAt, null, null, Shipment.NONE, null);
  }

  public boolean cancelled() {
    return cancellation != null;
  }

  public record Customer(String email, String name) {

    /** Keeps the address out of logs that print an order. */
    @Override
    public String toString() {
      return "Customer[email=" + dev.journeys.customers.Masked.email(email) + "]";
    }
  }

  public record Item(String sku, String name, int quantity, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }

  /**
   * @param status the highest-ranking progress status so far; null before the first
   * @param lastCarrierIssue the latest DELAYED, FAILED_ATTEMPT or EXCEPTION; null when none
   * @param updatedAt when the shipment last changed
   */
  public record Shipment(
      ShipmentStatus status,
      String carrier,
      String trackingNumber,
      String trackingUrl,
      ShipmentStatus lastCarrierIssue,
      Instant updatedAt) {

    public static final Shipment NONE = new Shipment(null, null, null, null, null, null);
  }

  public record Cancellation(Instant at, String reason) {}
}
