package dev.journeys.orders;

import java.time.Instant;
import java.util.List;

/**
 * What a rating of the order is about, as it stands when the customer rates it: its locale, carrier
 * and products, and whether and when it arrived against the date promised.
 *
 * @param journeyStarted whether the order's post-purchase journey was started
 * @param promisedDeliverBy null when the order has no delivery date
 * @param deliveredAt null while the carrier has not reported delivery
 * @param skus the order's distinct products, in line order
 */
public record DeliveryFacts(
    String orderId,
    boolean journeyStarted,
    String locale,
    String carrier,
    List<String> skus,
    Instant promisedDeliverBy,
    Instant deliveredAt) {

  public DeliveryFacts {
    skus = List.copyOf(skus);
  }

  /** Delivered after the promised date. */
  public boolean deliveredLate() {
    return deliveredAt != null && promisedDeliverBy != null && deliveredAt.isAfter(promisedDeliverBy);
  }
}
