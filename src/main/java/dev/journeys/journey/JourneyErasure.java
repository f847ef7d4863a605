package dev.journeys.journey;

import dev.journeys.customers.ErasureStep;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Erasure's part in the customer's own journey: publishes customer-erased, which the
 * customer-anniversary journey waits for in an interrupting event subprocess that ends it
 * (docs/JOURNEYS.md). Buffered for 30 days, so an anniversary journey still starting (its
 * first-order-placed in flight) ends too. The order journeys are cancelled by the orders module.
 */
@Component
@Order(10)
class JourneyErasure implements ErasureStep {

  private final JourneyMessages messages;

  JourneyErasure(JourneyMessages messages) {
    this.messages = messages;
  }

  @Override
  public Map<String, Integer> erase(String customerId) {
    try {
      JourneyMessages.Outcome outcome = messages.publish(JourneyMessage.customerErased(customerId));
      return Map.of("customerJourneyErasureMessages", outcome == JourneyMessages.Outcome.PUBLISHED ? 1 : 0);
    } catch (JourneyMessageNotPublishedException e) {
      throw new Incomplete("Expected to end the customer's anniversary journey, but: " + e.getMessage(), e);
    }
  }
}
