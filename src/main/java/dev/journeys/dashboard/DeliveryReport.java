package dev.journeys.dashboard;

import dev.journeys.orders.DeliveryHonesty;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Delivery honesty for the page, its JSON and CSV: the orders' figures (DeliveryHonesty), which
 * include whether a late order's customer got a delay alert first (the order keeps when notify first
 * sent one) and the warning time: how long before the promised delivery date the first alert went
 * out (negative: after).
 */
@Component
class DeliveryReport {

  record Report(Instant from, Instant to, DeliveryHonesty.Totals totals, DeliveryHonesty.Alerts alerts,
      List<DeliveryHonesty.Carrier> carriers) {}

  private final DeliveryHonesty honesty;

  DeliveryReport(DeliveryHonesty honesty) {
    this.honesty = honesty;
  }

  Report report(Instant from, Instant to, Instant now) {
    DeliveryHonesty.Report orders = honesty.report(from, to, now);
    return new Report(from, to, orders.totals(), orders.alerts(), orders.carriers());
  }
}
