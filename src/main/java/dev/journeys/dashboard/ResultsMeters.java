package dev.journeys.dashboard;

import dev.journeys.feedback.Satisfaction;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The results' headline figures as gauges over the last 28 days (UTC days, today so far included), computed every
 * journeys.results.meters-refresh (5 minutes by default) rather than at each scrape, so a scrape
 * costs nothing. NaN until the first computation.
 */
@Component
class ResultsMeters {

  /** Gauge: share of ratings of 4 or 5 first given in the last 28 days. */
  static final String CSAT = "journeys.results.csat";
  /** Gauge: ratings received per feedback request sent, last 28 days. */
  static final String RESPONSE_RATE = "journeys.results.response.rate";
  /** Gauge: share of the orders due in the last 28 days that arrived late or not yet. */
  static final String LATE_DELIVERIES = "journeys.results.late.deliveries.share";
  /** Gauge: share of those late orders whose customer got a delay alert before the parcel. */
  static final String DELAY_ALERTED = "journeys.results.delay.alerted.share";

  static final Map<String, Meter.Type> CATALOGUE = Map.of(
      CSAT, Meter.Type.GAUGE, RESPONSE_RATE, Meter.Type.GAUGE, LATE_DELIVERIES, Meter.Type.GAUGE,
      DELAY_ALERTED, Meter.Type.GAUGE);

  private static final Logger log = LoggerFactory.getLogger(ResultsMeters.class);
  private static final Duration PERIOD = Duration.ofDays(ResultsPeriod.DEFAULT_DAYS);

  private final Satisfaction satisfaction;
  private final DeliveryReport delivery;
  private final Clock clock;
  private final Map<String, AtomicReference<Double>> values = Map.of(
      CSAT, new AtomicReference<>(Double.NaN), RESPONSE_RATE, new AtomicReference<>(Double.NaN),
      LATE_DELIVERIES, new AtomicReference<>(Double.NaN), DELAY_ALERTED, new AtomicReference<>(Double.NaN));

  ResultsMeters(MeterRegistry registry, Satisfaction satisfaction, DeliveryReport delivery, Clock clock) {
    this.satisfaction = satisfaction;
    this.delivery = delivery;
    this.clock = clock;
    values.forEach((name, value) -> Gauge.builder(name, value, v -> v.get())
        .description("Results over the last 28 days, refreshed periodically").register(registry));
  }

  @Scheduled(initialDelayString = "${journeys.results.meters-initial-delay:1m}",
      fixedDelayString = "${journeys.results.meters-refresh:5m}")
  void refresh() {
    Instant now = clock.instant();
    // The page's default period: the last 28 UTC days, today's so far included (closed days read their roll-up).
    Instant from = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(PERIOD.toDays() - 1)
        .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
    try {
      Satisfaction.Report csat = satisfaction.report(from, now, null, 0);
      DeliveryReport.Report late = delivery.report(from, now, now);
      values.get(CSAT).set(csat.ratings().total() == 0 ? Double.NaN : csat.ratings().csat());
      values.get(RESPONSE_RATE).set(csat.requestsSent() == 0 ? Double.NaN : csat.responseRate());
      values.get(LATE_DELIVERIES).set(late.totals().due() == 0 ? Double.NaN : late.totals().lateToDeliverShare());
      values.get(DELAY_ALERTED).set(late.alerts().lateOrders() == 0 ? Double.NaN : late.alerts().alertedShare());
    } catch (RuntimeException e) {
      log.warn("Could not compute the results gauges; they keep their last values: {}", e.toString());
    }
  }
}
