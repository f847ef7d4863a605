package dev.journeys.orders;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * An order as the shop sent it, and the journey it started.
 *
 * @param locale a BCP 47 language tag such as {@code en} or {@code zh-CN}
 * @param estimatedDelivery null when the shop did not promise a date
 * @param journeyKey the post-purchase process instance key; null for the moment while it starts
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
    Instant receivedAt) {

  public Order {
    items = List.copyOf(items);
  }

  public record Customer(String email, String name) {}

  public record Item(String sku, String name, int quantity, BigDecimal unitPrice) {

    public BigDecimal lineTotal() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }
}
