package dev.journeys.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The days a results page counts, whole UTC days from {@code from} to {@code to} inclusive (ISO
 * dates): by default the last 28 days up to today. At most a year and a day, so a page stays fast.
 */
record ResultsPeriod(LocalDate from, LocalDate to) {

  static final int DEFAULT_DAYS = 28;
  static final int MAX_DAYS = 366;

  /**
   * @throws ResponseStatusException 400 naming the field that is not a date or out of order
   */
  static ResultsPeriod of(String from, String to, Clock clock) {
    LocalDate last = to == null || to.isBlank() ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date("to", to);
    LocalDate first = from == null || from.isBlank() ? last.minusDays(DEFAULT_DAYS - 1) : date("from", from);
    if (first.isAfter(last)) {
      throw bad("from: expected a date on or before 'to' (" + last + "), but got " + first);
    }
    if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
      throw bad("from: expected a period of at most " + MAX_DAYS + " days, but " + first + " to " + last + " is "
          + (ChronoUnit.DAYS.between(first, last) + 1));
    }
    return new ResultsPeriod(first, last);
  }

  /** The first day as an ISO date (what forms and links carry; a page's own formatting would not). */
  public String fromText() {
    return from.toString();
  }

  /** The last day as an ISO date. */
  public String toText() {
    return to.toString();
  }

  /** The first instant counted. */
  Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The first instant after the period. */
  Instant end() {
    return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw bad(field + ": expected an ISO date such as 2026-01-31, but got '"
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'");
    }
  }

  private static ResponseStatusException bad(String reason) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
  }
}
