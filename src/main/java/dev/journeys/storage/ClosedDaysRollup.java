package dev.journeys.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one daily results roll-up (ClosedDays): on each tick, in one app instance per period
 * (PeriodicTasks' lock row {@code task}), adds up the closed days not added up yet, oldest first,
 * then again the stale ones, a bounded number per transaction batch until none is left. A day is
 * closed once {@code grace} has passed after its end (UTC). The owner module gives what differs:
 * its bookkeeping, its first day with facts and how to write one day. Used by
 * feedback.SatisfactionRollup and orders.DeliveryRollup, which keep the schedule.
 */
public final class ClosedDaysRollup {

  private static final Logger log = LoggerFactory.getLogger(ClosedDaysRollup.class);
  /** A year and a month of days per batch: a day is one index range of its facts. */
  static final int DAYS_PER_RUN = 400;

  private final String what;
  private final String task;
  private final ClosedDays days;
  private final Supplier<LocalDate> firstDay;
  private final ClosedDays.DayWriter writer;
  private final PeriodicTasks tasks;
  private final Clock clock;
  private final Duration interval;
  private final Duration grace;

  /**
   * @param what names the figures in the log, e.g. "customer satisfaction"
   * @param task the lock row's name
   * @param firstDay the first day with any fact; null when there is none
   * @param writer replaces one closed day's rows (inside the roll-up's transaction)
   * @param tasks may be null when only {@link #rollUpClosedDays} is called (tests, benchmarks)
   */
  public ClosedDaysRollup(String what, String task, ClosedDays days, Supplier<LocalDate> firstDay,
      ClosedDays.DayWriter writer, PeriodicTasks tasks, Clock clock, Duration interval, Duration grace) {
    this.what = what;
    this.task = task;
    this.days = days;
    this.firstDay = firstDay;
    this.writer = writer;
    this.tasks = tasks;
    this.clock = clock;
    this.interval = interval;
    this.grace = grace;
  }

  /** The scheduled run: rolls up unless another instance did within the period. */
  public void tick() {
    tasks.runOnce(task, interval, Duration.ofMinutes(30), this::rollUpClosedDays);
  }

  /**
   * Adds up the closed days not added up yet and the stale ones, now, in this instance.
   *
   * @return how many days were written
   */
  public int rollUpClosedDays() {
    int written = 0;
    for (int run; (run = days.rollUp(ClosedDays.lastClosed(clock.instant(), grace), firstDay, DAYS_PER_RUN,
        writer)) > 0; ) {
      written += run;
      if (run < DAYS_PER_RUN) {
        break;
      }
    }
    if (written > 0) {
      log.info("Rolled up {}: {} days", what, written);
    }
    return written;
  }
}
