package dev.journeys.notify;

import dev.journeys.storage.PeriodicTasks;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Adds up each closed day's message outcomes once (message_outcome_day), in one app instance per
 * period. A day is closed once {@code journeys.notify.outcomes.rollup-grace} has passed after its
 * end (UTC): every fact of it has been committed by then, as facts are stamped when recorded. A
 * day is written with the mark that says it is rolled up, in one commit; days missed while the app
 * was down are caught up, a bounded number per run.
 */
@Component
class OutcomeRollup {

  static final String TASK = "message-outcomes-rollup";
  static final Duration DEFAULT_GRACE = Duration.ofMinutes(15);
  private static final Logger log = LoggerFactory.getLogger(OutcomeRollup.class);
  private static final int DAYS_PER_RUN = 62;

  private final OutcomeCounts counts;
  private final PeriodicTasks tasks;
  private final Clock clock;
  private final Duration interval;
  private final Duration grace;

  OutcomeRollup(OutcomeCounts counts, PeriodicTasks tasks, Clock clock,
      @Value("${journeys.notify.outcomes.rollup-interval:10m}") Duration interval,
      @Value("${journeys.notify.outcomes.rollup-grace:15m}") Duration grace) {
    this.counts = counts;
    this.tasks = tasks;
    this.clock = clock;
    this.interval = interval;
    this.grace = grace;
  }

  @Scheduled(fixedDelayString = "${journeys.notify.outcomes.rollup-interval:10m}",
      initialDelayString = "${journeys.notify.outcomes.rollup-initial-delay:1m}")
  void tick() {
    tasks.runOnce(TASK, interval, Duration.ofMinutes(30), this::rollUpClosedDays);
  }

  /** @return how many days this run rolled up */
  int rollUpClosedDays() {
    LocalDate lastClosed = clock.instant().minus(grace).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate through = counts.rolledThrough();
    LocalDate next;
    if (through == null) {
      LocalDate first = counts.firstFactDay();
      if (first == null || first.isAfter(lastClosed)) {
        return 0;
      }
      next = first;
    } else {
      next = through.plusDays(1);
    }
    int rolled = 0;
    while (!next.isAfter(lastClosed) && rolled < DAYS_PER_RUN) {
      if (!counts.rollUp(next)) {
        break; // rolled up meanwhile by another instance
      }
      next = next.plusDays(1);
      rolled++;
    }
    if (rolled > 0) {
      log.info("Rolled up message outcomes through {} ({} days)", next.minusDays(1), rolled);
    }
    return rolled;
  }
}
