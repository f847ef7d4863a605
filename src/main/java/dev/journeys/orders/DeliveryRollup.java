package dev.journeys.orders;

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
 * Adds up delivery honesty's closed days (by due date) once into delivery_day and
 * delivery_lead_day, and again each closed day whose orders changed since, in one app instance per
 * period (ShedLock). A day is closed once {@code journeys.results.rollup-grace} has passed after its
 * end (UTC). Days missed while the app was down are caught up, a bounded number per run.
 */
@Component
public class DeliveryRollup {

  static final String TASK = "delivery-honesty-rollup";
  private static final Logger log = LoggerFactory.getLogger(DeliveryRollup.class);
  /** A year and a month of days per run: a day is one index range of its due orders. */
  private static final int DAYS_PER_RUN = 400;

  private final DeliveryHonesty honesty;
  private final PeriodicTasks tasks;
  private final Clock clock;
  private final Duration interval;
  private final Duration grace;

  /** Public for the tests and benchmarks that build it outside a Spring context (tasks may then be null). */
  public DeliveryRollup(DeliveryHonesty honesty, PeriodicTasks tasks, Clock clock,
      @Value("${journeys.results.rollup-interval:10m}") Duration interval,
      @Value("${journeys.results.rollup-grace:15m}") Duration grace) {
    this.honesty = honesty;
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
    for (int run; (run = honesty.closedDays().rollUp(ClosedDays.lastClosed(clock.instant(), grace),
        honesty::firstDueDay, DAYS_PER_RUN, day -> honesty.writeDay(day, clock.instant()))) > 0; ) {
      written += run;
      if (run < DAYS_PER_RUN) {
        break;
      }
    }
    if (written > 0) {
      log.info("Rolled up delivery honesty: {} days", written);
    }
    return written;
  }
}
