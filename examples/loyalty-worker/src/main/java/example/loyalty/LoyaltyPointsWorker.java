package example.loyalty;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.exception.BpmnError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Credits loyalty points for an order: one point per whole unit of the order total. Handles the
 * job type {@code loyalty-points}, which a journey's service task names and Journeys' lint accepts
 * once it is declared in {@code journeys.lint.external-job-types}.
 *
 * <p>Idempotent per order: a job can be delivered again after a timeout or a crash, so the credit is
 * keyed by the order id (a real service would keep that key in its own database).
 */
@Component
public class LoyaltyPointsWorker {

  private static final Logger log = LoggerFactory.getLogger(LoyaltyPointsWorker.class);

  private final Map<String, Integer> credited = new ConcurrentHashMap<>();

  @JobWorker(type = "loyalty-points")
  public Map<String, Object> credit(@Variable String orderId, @Variable BigDecimal total) {
    if (total == null || total.signum() < 0) {
      // A business outcome the journey can model with an error boundary event, not a retry.
      throw new BpmnError("INVALID_TOTAL", "Expected a total of zero or more for order " + orderId);
    }
    int points = credited.computeIfAbsent(orderId, id -> total.setScale(0, RoundingMode.DOWN).intValueExact());
    log.info("Credited {} loyalty points for order {}", points, orderId);
    return Map.of("loyaltyPoints", points);
  }
}
