package dev.journeys.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The message outcomes' headline figures as gauges: {@value #RESULTS}{outcome=…}, each the number of
 * messages with that outcome in the last 28 days (the default period of the page). Scrapes read a
 * copy at most {@link #FRESH_FOR} old, so a scraper every few seconds costs one count a minute.
 */
@Component
class MessageOutcomeMeters {

  /** Gauge: messages per {@code outcome} over the last 28 days (decided, sent, ..., clicked). */
  static final String RESULTS = "journeys.results.messages";
  static final Duration FRESH_FOR = Duration.ofMinutes(1);

  private record Copy(long madeAtNanos, Map<String, Long> totals) {}

  private final MessageOutcomes outcomes;
  private final AtomicReference<Copy> copy = new AtomicReference<>();

  MessageOutcomeMeters(MessageOutcomes outcomes, MeterRegistry registry) {
    this.outcomes = outcomes;
    for (String outcome : MessageOutcomes.OUTCOMES) {
      Gauge.builder(RESULTS, this, m -> m.total(outcome))
          .tag("outcome", outcome)
          .description("Messages with this outcome in the last 28 days (message outcomes page)")
          .register(registry);
    }
  }

  private double total(String outcome) {
    Copy current = copy.get();
    if (current == null || System.nanoTime() - current.madeAtNanos() > FRESH_FOR.toNanos()) {
      current = new Copy(System.nanoTime(), outcomes.totals());
      copy.set(current);
    }
    return current.totals().getOrDefault(outcome, 0L);
  }
}
