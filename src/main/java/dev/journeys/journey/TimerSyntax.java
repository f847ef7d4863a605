package dev.journeys.journey;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.scheduling.support.CronExpression;

/**
 * The static timer values the embedded engine accepts (README, "The embedded engine"): ISO-8601
 * dates, durations (with years and months, which java.time splits between Period and Duration),
 * repeating cycles, and six-field cron expressions.
 */
final class TimerSyntax {

  private TimerSyntax() {}

  /** Why the value is not a valid timer of the kind, or null when it is. */
  static String problem(String kind, String text) {
    boolean valid =
        switch (kind) {
          case "timeDate" -> isDate(text);
          case "timeDuration" -> isDuration(text);
          default -> isCycle(text);
        };
    return valid ? null : "does not parse";
  }

  static String fix(String kind) {
    return switch (kind) {
      case "timeDate" -> "use an ISO-8601 date and time, e.g. 2026-01-01T09:00:00Z";
      case "timeDuration" -> "use an ISO-8601 duration, e.g. PT10S, P1D or P1Y";
      default -> "use R5/PT10S, R/PT1H, R3/2026-01-01T09:00:00Z/P1D or cron 0 0 9 * * MON-FRI";
    };
  }

  static boolean isDate(String text) {
    try {
      ZonedDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      try {
        OffsetDateTime.parse(text);
        return true;
      } catch (DateTimeParseException again) {
        return false;
      }
    }
  }

  static boolean isDuration(String text) {
    if (!text.startsWith("P") && !text.startsWith("-P")) {
      return false;
    }
    int time = text.indexOf('T');
    try {
      if (time < 0) {
        Period.parse(text);
      } else if (time == text.indexOf('P') + 1) {
        Duration.parse(text);
      } else {
        Period.parse(text.substring(0, time));
        Duration.parse("P" + text.substring(time));
      }
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  static boolean isCycle(String text) {
    if (text.startsWith("R")) {
      String[] parts = text.split("/");
      boolean repetitions = parts[0].length() == 1 || parts[0].substring(1).matches("\\d+");
      return repetitions
          && switch (parts.length) {
            case 2 -> isDuration(parts[1]);
            case 3 -> isDate(parts[1]) && isDuration(parts[2]);
            default -> false;
          };
    }
    // Spring's cron is Quartz-like with six fields, as the engine's.
    return text.split("\\s+").length == 6 && CronExpression.isValidExpression(text);
  }
}
