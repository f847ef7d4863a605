package dev.journeys.engine.spring;

import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.state.HistoryRetention;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps the embedded engine's history of ended journeys for {@code journeys.engine.history-retention}
 * (13 months by default, so year-on-year results stay comparable; 0 keeps it for ever), then removes
 * it in batches with a pause between them. Only this engine writes its database (the writer
 * lease), so no other instance runs it at the same time.
 */
class EngineHistoryCleanup {

  private static final Logger log = LoggerFactory.getLogger(EngineHistoryCleanup.class);
  private static final int BATCH = 200;
  private static final Duration PAUSE = Duration.ofMillis(20);

  private final HistoryRetention retention;
  private final EngineClock clock;
  private final Duration keep;

  EngineHistoryCleanup(HistoryRetention retention, EngineClock clock, Duration keep) {
    this.retention = retention;
    this.clock = clock;
    this.keep = keep;
  }

  @Scheduled(initialDelayString = "${journeys.retention.initial-delay:5m}",
      fixedDelayString = "${journeys.retention.interval:1h}")
  void tick() {
    purge();
  }

  /** Removes every ended journey's history older than the retention; returns how many journeys. */
  int purge() {
    if (keep.isZero() || keep.isNegative()) {
      return 0;
    }
    long cutoff = clock.millis() - keep.toMillis();
    int total = 0;
    int batch;
    do {
      batch = retention.purgeEndedBefore(cutoff, BATCH);
      total += batch;
      if (batch == BATCH) {
        try {
          Thread.sleep(PAUSE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    } while (batch == BATCH);
    if (total > 0) {
      log.info("Removed the engine history of {} journeys that ended more than {} ago", total, keep);
    }
    return total;
  }
}
