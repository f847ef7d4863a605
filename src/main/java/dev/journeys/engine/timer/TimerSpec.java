package dev.journeys.engine.timer;

import io.camunda.zeebe.model.bpmn.util.time.Interval;
import io.camunda.zeebe.model.bpmn.util.time.RepeatingInterval;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A parsed BPMN timer, read with the calls Zeebe 8.8 makes so that what deploys here deploys on a
 * cluster and the other way round: a duration with zeebe-bpmn-model's {@link Interval#parse}, a date
 * with {@link ZonedDateTime#parse}, a cycle starting with {@code R} with
 * {@link RepeatingInterval#parse} and any other cycle as a cron ({@link CronSchedule}). The linter
 * ({@code journey.lint.TimerSyntax}) makes the same calls; the module rules keep it from importing this
 * class, and one table of expressions (TimerSyntaxTable in the tests) holds both to the same answers.
 * Times are epoch milliseconds; calendar amounts are added in UTC.
 */
public final class TimerSpec {

  /** Which BPMN timer definition the spec came from. */
  public enum Kind {
    DURATION,
    DATE,
    CYCLE
  }

  /** Unlimited repetitions of a cycle ({@code R/…}, and every cron). */
  public static final int INFINITE = RepeatingInterval.INFINITE;

  private final Interval interval;
  private final Instant date;
  private final CronSchedule cron;
  private final int repetitions;

  private TimerSpec(Interval interval, Instant date, CronSchedule cron, int repetitions) {
    this.interval = interval;
    this.date = date;
    this.cron = cron;
    this.repetitions = repetitions;
  }

  public static TimerSpec parse(Kind kind, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the timer expression is empty");
    }
    String value = text.strip();
    try {
      TimerSpec spec = switch (kind) {
        case DURATION -> new TimerSpec(Interval.parse(value), null, null, 1);
        case DATE -> new TimerSpec(null, parseDate(value), null, 1);
        case CYCLE -> parseCycle(value);
      };
      // Zeebe computes the first due date at deployment and refuses a timer that overflows it.
      spec.firstDue(System.currentTimeMillis());
      return spec;
    } catch (RuntimeException e) { // whatever the parsers throw on user text means: not such a timer
      throw new IllegalArgumentException("'%s' is not a valid timer %s: %s"
          .formatted(value, kind.name().toLowerCase(Locale.ROOT), e.getMessage()), e);
    }
  }

  private static TimerSpec parseCycle(String text) {
    if (!text.startsWith("R")) { // Zeebe's rule: an ISO repeating interval starts with R, all else is cron
      return new TimerSpec(null, null, CronSchedule.parse(text), INFINITE);
    }
    RepeatingInterval cycle = RepeatingInterval.parse(text);
    if (cycle.getRepetitions() == INFINITE && !isPositive(cycle.getInterval())) {
      // Zeebe accepts it and fires without pause; on our single writer it would never yield (README).
      throw new IllegalArgumentException("it repeats without end every " + cycle.getInterval()
          + ", and an unbounded cycle needs a positive interval");
    }
    return new TimerSpec(cycle.getInterval(), null, null, cycle.getRepetitions());
  }

  private static boolean isPositive(Interval interval) {
    return Instant.EPOCH.atZone(ZoneOffset.UTC).plus(interval).toInstant().isAfter(Instant.EPOCH);
  }

  /** A date with an offset or zone, as Zeebe requires; a local date-time is refused with a hint. */
  private static Instant parseDate(String text) {
    try {
      return ZonedDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      LocalDateTime.parse(text); // throws for text that is no date at all
      throw new IllegalArgumentException("it has no offset or time zone, e.g. 2026-01-01T09:00:00Z");
    }
  }

  /**
   * When the timer first falls due, counted from {@code now}. As in Zeebe: an interval's start date
   * while it is ahead, else one interval from now; a cron's next match after now, or now for a cron
   * that never matches (Zeebe fires it once, at once).
   */
  public long firstDue(long now) {
    if (cron != null) {
      return cron.next(Instant.ofEpochMilli(now)).map(Instant::toEpochMilli).orElse(now);
    }
    if (date != null) {
      return date.toEpochMilli();
    }
    long start = interval.getStart().map(s -> s.toInstant().toEpochMilli()).orElse(now);
    return start > now ? start : plus(now, interval);
  }

  /** When a cycle falls due next after having fired at {@code previousDue}; empty when never again. */
  public OptionalLong nextDue(long previousDue) {
    if (cron != null) {
      return cron.next(Instant.ofEpochMilli(previousDue))
          .map(next -> OptionalLong.of(next.toEpochMilli())).orElse(OptionalLong.empty());
    }
    return interval == null ? OptionalLong.empty() : OptionalLong.of(plus(previousDue, interval));
  }

  /** How often the timer fires in all: 1 for durations and dates, n or {@link #INFINITE} for cycles. */
  public int repetitions() {
    return repetitions;
  }

  private static long plus(long epochMilli, Interval interval) {
    return Instant.ofEpochMilli(epochMilli).atZone(ZoneOffset.UTC).plus(interval).toInstant().toEpochMilli();
  }
}
