package dev.journeys.feedback;

import dev.journeys.storage.ClosedDays;
import dev.journeys.storage.PeriodicTasks;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Adds up customer satisfaction's closed days (by the day each order was first rated) once into
 * csat_day, csat_sku_day and csat_request_day, and again each closed day whose ratings changed since,
 * in one app instance per period (ShedLock). A day is closed once {@code journeys.results.rollup-grace}
 * has passed after its end (UTC). Days missed while the app was down are caught up in batches.
 */
@Component
public class SatisfactionRollup {

  static final String TASK = "satisfaction-rollup";
  private static final Logger log = LoggerFactory.getLogger(SatisfactionRollup.class);
  private static final int DAYS_PER_RUN = 400;

  private final Satisfaction satisfaction;
  private final PeriodicTasks tasks;
  private final Clock clock;
  private final Duration interval;
  private final Duration grace;

  /** Public for the tests and benchmarks that build it outside a Spring context (tasks may then be null). */
  public SatisfactionRollup(Satisfaction satisfaction, PeriodicTasks tasks, Clock clock,
      @Value("${journeys.results.rollup-interval:10m}") Duration interval,
      @Value("${journeys.results.rollup-grace:15m}") Duration grace) {
    this.satisfaction = satisfaction;
    this.tasks = tasks;
    this.clock = clock;
    this.interval = interval;
    this.grace = grace;
  }

  @Scheduled(fixedDelayString = "${journeys.results.rollup-interval:10m}",
      initialDelayString = "${journeys.results.rollup-initial-delay:1m}")
  void tick() {
    tasks.runOnce(TASK, interval, Duration.ofMinutes(30), this::rollUpClosedDays);
  }

  /**
   * Adds up the closed days not added up yet and the stale ones, now, in this instance (the tick, and
   * the results benchmark after seeding).
   *
   * @return how many days were written
   */
  public int rollUpClosedDays() {
    int written = 0;
    for (int run; (run = satisfaction.closedDays().rollUp(ClosedDays.lastClosed(clock.instant(), grace),
        satisfaction::firstDay, DAYS_PER_RUN, satisfaction::writeDay)) > 0; ) {
      written += run;
      if (run < DAYS_PER_RUN) {
        break;
      }
    }
    if (written > 0) {
      log.info("Rolled up customer satisfaction: {} days", written);
    }
    return written;
  }
}
