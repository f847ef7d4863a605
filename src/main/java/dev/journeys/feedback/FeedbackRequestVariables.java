package dev.journeys.feedback;

import dev.journeys.notify.MessageVariables;
import dev.journeys.orders.Order;
import dev.journeys.orders.Orders;
import dev.journeys.orders.ShipmentStatus;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Offers the feedback request {@code deliveryConfirmed}: whether the carrier reported delivery. Some
 * carriers never do, and the journey then asks for feedback anyway (journeys.post-purchase.
 * feedback-without-delivery-after); the request must not say the order "arrived" when nobody
 * confirmed it did.
 */
@Component
class FeedbackRequestVariables implements MessageVariables {

  static final String TEMPLATE = "feedback-request";

  private final Orders orders;

  FeedbackRequestVariables(Orders orders) {
    this.orders = orders;
  }

  @Override
  public Map<String, Object> variables(String template, String orderId, String customerId) {
    if (!TEMPLATE.equals(template) || orderId == null) {
      return Map.of();
    }
    boolean delivered = orders.find(orderId)
        .map(Order::shipment)
        .map(shipment -> shipment.status() == ShipmentStatus.DELIVERED)
        .orElse(false);
    return Map.of("deliveryConfirmed", delivered);
  }
}
