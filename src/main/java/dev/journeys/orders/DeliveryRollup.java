package dev.journeys.orders;

import dev.journeys.storage.ClosedDaysRollup;
import dev.journeys.storage.PeriodicTasks;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Adds up delivery honesty's closed days (by due date) once into delivery_day and
 * delivery_lead_day, and again each closed day whose orders changed since, in one app instance per
 * period, closed days missed while the app was down caught up in batches (storage.ClosedDaysRollup
 * drives it).
 */
@Component
public class DeliveryRollup {

  static final String TASK = "delivery-honesty-rollup";

  private final ClosedDaysRollup rollup;

  /** Public for the tests and benchmarks that build it outside a Spring context (tasks may then be null). */
  public DeliveryRollup(DeliveryHonesty honesty, PeriodicTasks tasks, Clock clock,
      @Value("${journeys.results.rollup-interval:10m}") Duration interval,
      @Value("${journeys.results.rollup-grace:15m}") Duration grace) {
    this.rollup = new ClosedDaysRollup("delivery honesty", TASK, honesty.closedDays(), honesty::firstDueDay,
        day -> honesty.writeDay(day, clock.instant()), tasks, clock, interval, grace);
  }

  @Scheduled(fixedDelayString = "${journeys.results.rollup-interval:10m}",
      initialDelayString = "${journeys.results.rollup-initial-delay:1m}")
  void tick() {
    rollup.tick();
  }

  /**
   * Adds up the closed days not added up yet and the stale ones, now, in this instance (the tick, and
   * the results benchmark after seeding).
   *
   * @return how many days were written
   */
  public int rollUpClosedDays() {
    return rollup.rollUpClosedDays();
  }
}
