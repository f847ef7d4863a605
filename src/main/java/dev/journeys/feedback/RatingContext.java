package dev.journeys.feedback;

import dev.journeys.journey.Journeys;
import dev.journeys.notify.SentMessages;
import dev.journeys.orders.DeliveryFacts;
import dev.journeys.orders.Orders;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What a rating is about, looked up once when an order is first rated and kept on its feedback
 * row: the journey that asked, the order's locale, carrier and products, and how its delivery
 * went. Satisfaction is then broken down from the feedback module's own tables, at any scale.
 */
@Component
class RatingContext {

  /**
   * @param journey the process id of the journey the rating reaches; null when the order has none
   * @param deliveryClass null when the order is unknown
   */
  record Dimensions(String journey, String locale, String carrier, DeliveryClass deliveryClass, List<String> skus) {

    static final Dimensions UNKNOWN = new Dimensions(null, null, null, null, List.of());

    Dimensions {
      skus = List.copyOf(skus);
    }
  }

  private final Orders orders;
  private final SentMessages sent;

  RatingContext(Orders orders, SentMessages sent) {
    this.orders = orders;
    this.sent = sent;
  }

  Dimensions of(String orderId, Instant now) {
    Optional<DeliveryFacts> found = orders.deliveryFacts(orderId);
    if (found.isEmpty()) {
      return Dimensions.UNKNOWN;
    }
    DeliveryFacts facts = found.get();
    return new Dimensions(facts.journeyStarted() ? Journeys.POST_PURCHASE : null, facts.locale(), facts.carrier(),
        deliveryClass(facts, now), facts.skus());
  }

  private DeliveryClass deliveryClass(DeliveryFacts facts, Instant now) {
    Instant delivered = facts.deliveredAt();
    if (delivered == null || delivered.isAfter(now)) {
      return DeliveryClass.NOT_DELIVERED;
    }
    if (!facts.deliveredLate()) {
      return DeliveryClass.ON_TIME;
    }
    boolean alertedFirst = sent.firstSent(SentMessages.DELAY_ALERT, facts.orderId())
        .filter(alert -> !alert.isAfter(delivered)).isPresent();
    return alertedFirst ? DeliveryClass.LATE_ALERTED : DeliveryClass.LATE_NOT_ALERTED;
  }
}
