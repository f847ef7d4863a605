package dev.journeys.feedback;

import dev.journeys.customers.ErasureStep;
import dev.journeys.orders.Orders;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Erasure's part in the feedback module: the comments the customer wrote beside their ratings go
 * (free text can name them or their address). The ratings stay, with what they are about (journey,
 * carrier, locale, products): counts, not personal data, so satisfaction's figures and its daily
 * roll-up do not change.
 */
@Component
@Order(30)
class FeedbackErasure implements ErasureStep {

  private final FeedbackStore store;
  private final Orders orders;

  FeedbackErasure(FeedbackStore store, Orders orders) {
    this.store = store;
    this.orders = orders;
  }

  @Override
  public Map<String, Integer> erase(String customerId) {
    return Map.of("feedbackComments", store.eraseComments(orders.idsOfCustomer(customerId)));
  }
}
