package dev.journeys.engine.timer;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * A timer cycle in cron form, parsed as Zeebe 8.8's engine parses it: cron-utils with its Spring 5.3
 * definition (six fields from seconds to day-of-week, with {@code ?}, {@code L}, {@code W}, {@code #}
 * and the macros {@code @yearly}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @hourly}).
 * Zeebe evaluates it in the broker JVM's default zone, which is UTC in Camunda's images; we pin UTC so
 * the host the app runs on cannot shift a schedule.
 */
final class CronSchedule {

  // The definition and parser hold no state once built; one of each serves every parse.
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

  private final ExecutionTime executionTime;

  private CronSchedule(ExecutionTime executionTime) {
    this.executionTime = executionTime;
  }

  /** Throws IllegalArgumentException with cron-utils' reason when the text is not such a cron. */
  static CronSchedule parse(String text) {
    return new CronSchedule(ExecutionTime.forCron(PARSER.parse(text)));
  }

  /**
   * The first matching instant strictly after {@code after}, or empty for a cron that never matches
   * (e.g. {@code 0 0 0 30 2 ?}), which Zeebe accepts and fires once, at once.
   */
  Optional<Instant> next(Instant after) {
    return executionTime.nextExecution(after.atZone(ZoneOffset.UTC)).map(t -> t.toInstant());
  }
}
