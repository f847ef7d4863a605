package dev.journeys.engine.timer;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * A parsed BPMN timer: a duration ({@code PT10S}, {@code P1Y}), a date (ISO-8601 with offset or
 * zone) or a cycle ({@code R5/PT10S}, {@code R/PT1H}, {@code R3/2026-01-01T09:00:00Z/P1D}, or a
 * six-field cron expression). Times are epoch milliseconds.
 */
public final class TimerSpec {

  /** Which BPMN timer definition the spec came from. */
  public enum Kind {
    DURATION,
    DATE,
    CYCLE
  }

  /** Unlimited repetitions of a cycle. */
  public static final int INFINITE = -1;

  private final IsoDuration interval;
  private final Instant date;
  private final CronSchedule cron;
  private final int repetitions;

  private TimerSpec(IsoDuration interval, Instant date, CronSchedule cron, int repetitions) {
    this.interval = interval;
    this.date = date;
    this.cron = cron;
    this.repetitions = repetitions;
  }

  public static TimerSpec parse(Kind kind, String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the timer expression is empty");
    }
    try {
      return switch (kind) {
        case DURATION -> new TimerSpec(IsoDuration.parse(text), null, null, 1);
        case DATE -> new TimerSpec(null, parseDate(text), null, 1);
        case CYCLE -> parseCycle(text.strip());
      };
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a valid timer " + kind.name().toLowerCase() + ": " + e.getMessage(), e);
    }
  }

  private static TimerSpec parseCycle(String text) {
    if (CronSchedule.looksLikeCron(text)) {
      return new TimerSpec(null, null, CronSchedule.parse(text), INFINITE);
    }
    String[] parts = text.split("/");
    if (parts.length < 2 || parts.length > 3 || !parts[0].startsWith("R")) {
      throw new IllegalArgumentException("'" + text + "' is not a cycle like R5/PT10S or a cron expression");
    }
    int repetitions = parts[0].length() == 1 ? INFINITE : Integer.parseInt(parts[0].substring(1));
    if (parts.length == 3) {
      return new TimerSpec(IsoDuration.parse(parts[2]), parseDate(parts[1]), null, repetitions);
    }
    IsoDuration interval = IsoDuration.parse(parts[1]);
    if (interval.isZero()) {
      throw new IllegalArgumentException("'" + text + "' repeats with a zero interval");
    }
    return new TimerSpec(interval, null, null, repetitions);
  }

  /** A date with an offset or zone, as Zeebe requires; a local date-time is ambiguous and refused. */
  static Instant parseDate(String text) {
    String value = text.strip();
    try {
      return ZonedDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      LocalDateTime.parse(value); // throws for text that is no date at all
      throw new IllegalArgumentException("'" + text + "' has no offset or time zone, e.g. 2026-01-01T09:00:00Z");
    }
  }

  /** When the timer first falls due, counted from {@code now}. */
  public long firstDue(long now) {
    Instant from = Instant.ofEpochMilli(now);
    if (cron != null) {
      return cron.next(from).toEpochMilli();
    }
    if (date != null) {
      return date.toEpochMilli();
    }
    return interval.addTo(from).toEpochMilli();
  }

  /** When a cycle falls due next after having fired at {@code previousDue}. */
  public long nextDue(long previousDue) {
    Instant previous = Instant.ofEpochMilli(previousDue);
    return cron != null ? cron.next(previous).toEpochMilli() : interval.addTo(previous).toEpochMilli();
  }

  /** How often the timer fires in all: 1 for durations and dates, n or {@link #INFINITE} for cycles. */
  public int repetitions() {
    return repetitions;
  }
}
