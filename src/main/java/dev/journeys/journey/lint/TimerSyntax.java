package dev.journeys.journey.lint;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import io.camunda.zeebe.model.bpmn.util.time.Interval;
import io.camunda.zeebe.model.bpmn.util.time.RepeatingInterval;
import io.camunda.zeebe.model.bpmn.util.time.TimeDateTimer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The static timer values Zeebe 8.8 accepts, checked with the calls its deployment validation makes:
 * zeebe-bpmn-model's {@link Interval} for durations, {@link ZonedDateTime#parse} for dates,
 * {@link RepeatingInterval} for cycles starting with R and cron-utils' Spring 5.3 cron for any other
 * cycle, then the first due date computed so an overflowing one is refused as Zeebe refuses it. The
 * embedded engine (engine.timer.TimerSpec) makes the same calls: the module rules keep either from
 * importing the other, so the shared part is the libraries, and one table of expressions
 * (TimerSyntaxTable in the tests) holds lint and engine to the same answers.
 */
final class TimerSyntax {

  // Parsing holds no state; one parser serves every lint run.
  private static final CronParser CRON =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

  private TimerSyntax() {}

  /** Why the value is not a valid timer of the kind, or null when it is. */
  static String problem(String kind, String text) {
    try {
      long now = System.currentTimeMillis();
      switch (kind) {
        case "timeDate" -> new TimeDateTimer(ZonedDateTime.parse(text)).getDueDate(now);
        case "timeDuration" -> Interval.parse(text).toEpochMilli(now);
        default -> {
          return cycleProblem(text, now);
        }
      }
      return null;
    } catch (RuntimeException e) { // whatever the parsers throw on user text means: not such a timer
      return "does not parse (" + e.getMessage() + ")";
    }
  }

  private static String cycleProblem(String text, long now) {
    if (!text.startsWith("R")) { // Zeebe's rule: an ISO repeating interval starts with R, all else is cron
      CRON.parse(text);
      return null;
    }
    RepeatingInterval cycle = RepeatingInterval.parse(text);
    cycle.getDueDate(now);
    Instant epoch = Instant.EPOCH;
    boolean positive = epoch.atZone(ZoneOffset.UTC).plus(cycle.getInterval()).toInstant().isAfter(epoch);
    // Zeebe accepts an endless cycle that does not move forward; the embedded engine refuses it (README).
    return cycle.getRepetitions() == RepeatingInterval.INFINITE && !positive
        ? "repeats without end, and an unbounded cycle needs a positive interval"
        : null;
  }

  static String fix(String kind) {
    return switch (kind) {
      case "timeDate" -> "use an ISO-8601 date and time with an offset or zone, e.g. 2026-01-01T09:00:00Z";
      case "timeDuration" -> "use an ISO-8601 duration, e.g. PT10S, P1D, P1W or P1Y";
      default -> "use R5/PT10S, R/PT1H, R3/2026-01-01T09:00:00Z/P1D or a six-field Spring cron such as "
          + "0 0 9 * * MON-FRI, 0 0 12 L * ? or @daily";
    };
  }
}
