package dev.journeys.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.journeys.notify.SentMessages;
import dev.journeys.orders.DeliveryHonesty;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Delivery honesty: the orders' facts (DeliveryHonesty) with notify's delay alerts. A late order
 * counts as alerted when a delay alert was sent before it arrived (or it has not arrived); the lead
 * time is how long before the promised delivery date the first alert went out (negative: after).
 */
@Component
class DeliveryReport {

  /**
   * @param lateOrders orders that arrived after the promised date or not yet
   * @param alerted of those, the ones told of the delay by a delay alert before the parcel arrived
   * @param alertedBeforePromise of the alerted, told before the promised date passed
   * @param medianLeadHours the median of promised date minus first alert, in hours; null when none
   */
  record Alerts(long lateOrders, long alerted, long alertedBeforePromise, Double medianLeadHours) {

    @JsonProperty
    public double alertedShare() {
      return CsatPageController.share(alerted, lateOrders);
    }
  }

  record Report(Instant from, Instant to, DeliveryHonesty.Totals totals, Alerts alerts,
      List<DeliveryHonesty.Carrier> carriers) {}

  private final DeliveryHonesty honesty;
  private final SentMessages sent;

  DeliveryReport(DeliveryHonesty honesty, SentMessages sent) {
    this.honesty = honesty;
    this.sent = sent;
  }

  Report report(Instant from, Instant to, Instant now) {
    DeliveryHonesty.Report orders = honesty.report(from, to, now);
    List<DeliveryHonesty.LateOrder> late = orders.late();
    Map<String, Instant> firstAlert =
        sent.firstSent(SentMessages.DELAY_ALERT, late.stream().map(DeliveryHonesty.LateOrder::orderId).toList());
    List<Long> leads = new ArrayList<>();
    long beforePromise = 0;
    for (DeliveryHonesty.LateOrder order : late) {
      Instant alert = firstAlert.get(order.orderId());
      if (alert == null || (order.deliveredAt() != null && alert.isAfter(order.deliveredAt()))) {
        continue;
      }
      long lead = Duration.between(alert, order.promisedDeliverBy()).toSeconds();
      leads.add(lead);
      if (lead > 0) {
        beforePromise++;
      }
    }
    Alerts alerts = new Alerts(late.size(), leads.size(), beforePromise, medianHours(leads));
    return new Report(from, to, orders.totals(), alerts, orders.carriers());
  }

  /** The median in hours, to a tenth; the mean of the middle two for an even count. */
  static Double medianHours(List<Long> seconds) {
    if (seconds.isEmpty()) {
      return null;
    }
    List<Long> sorted = seconds.stream().sorted().toList();
    int middle = sorted.size() / 2;
    double median = sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
    return Math.round(median / 360.0) / 10.0;
  }
}
