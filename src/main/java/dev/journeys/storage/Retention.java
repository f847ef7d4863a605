package dev.journeys.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Removes data past its retention (journeys.retention.keep.*), in small batches with a pause
 * between them, each its own short transaction: the intake and the engine's writer never wait
 * long for it. Runs in one instance per period (PeriodicTasks).
 */
@Component
public class Retention {

  static final String TASK = "retention";
  private static final Logger log = LoggerFactory.getLogger(Retention.class);
  /** A purge that takes longer than this lets another instance start the next one. */
  private static final Duration LONGEST_RUN = Duration.ofHours(1);

  private final List<RetentionPurge> purges;
  private final RetentionProperties properties;
  private final PeriodicTasks tasks;
  private final Clock clock;

  Retention(List<RetentionPurge> purges, RetentionProperties properties, PeriodicTasks tasks, Clock clock) {
    this.purges = purges;
    this.properties = properties;
    this.tasks = tasks;
    this.clock = clock;
    for (RetentionPurge purge : purges) {
      if (!properties.keep().containsKey(purge.kind())) {
        throw new IllegalStateException("Expected a retention for " + purge.kind() + " in journeys.retention.keep");
      }
    }
  }

  @Scheduled(initialDelayString = "${journeys.retention.initial-delay:5m}",
      fixedDelayString = "${journeys.retention.interval:1h}")
  void tick() {
    if (properties.enabled()) {
      tasks.runOnce(TASK, properties.interval(), LONGEST_RUN, this::purge);
    }
  }

  /** Whether the purge runs at all (journeys.retention.enabled). */
  public boolean enabled() {
    return properties.enabled();
  }

  /** What each kind is kept for, e.g. for the dashboard. */
  public Map<String, Duration> kept() {
    return properties.keep();
  }

  /** Purges everything past its retention now; returns the rows deleted per kind. */
  public Map<String, Integer> purge() {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    Instant now = clock.instant();
    for (RetentionPurge purge : purges) {
      Duration keep = properties.keep().get(purge.kind());
      if (keep.isZero() || keep.isNegative()) {
        continue;
      }
      int total = 0;
      int batch;
      do {
        batch = purge.purgeBefore(now.minus(keep), properties.batchSize());
        total += batch;
        if (batch >= properties.batchSize()) {
          rest();
        }
      } while (batch >= properties.batchSize());
      deleted.merge(purge.kind(), total, Integer::sum);
    }
    if (deleted.values().stream().anyMatch(n -> n > 0)) {
      log.info("Retention removed {}", deleted);
    }
    return deleted;
  }

  private void rest() {
    try {
      Thread.sleep(properties.pause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while purging", e);
    }
  }
}
