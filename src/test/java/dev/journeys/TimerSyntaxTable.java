package dev.journeys;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The static timer values Zeebe 8.8 accepts and refuses, one table for the linter
 * (journey.lint.TimerLintTest) and the embedded engine (engine.events.TimerSyntaxTest), so the two
 * cannot drift apart again. Accepted rows carry when the timer falls due first and second, counted
 * from {@link #CLOCK_START} as Zeebe counts (UTC); a due time before the start means "at once".
 */
public final class TimerSyntaxTable {

  /** The engine tests' controlled clock starts here, on a Thursday. */
  public static final Instant CLOCK_START = Instant.parse("2026-01-01T09:00:00Z");

  private TimerSyntaxTable() {}

  /** kind (the BPMN element), value, first due, second due or null when it fires once. */
  public static Stream<Arguments> accepted() {
    return Stream.of(
        row("timeDuration", "PT10S", "2026-01-01T09:00:10Z", null),
        row("timeDuration", "PT1.5S", "2026-01-01T09:00:01.500Z", null),
        row("timeDuration", "P1D", "2026-01-02T09:00:00Z", null),
        row("timeDuration", "P1W", "2026-01-08T09:00:00Z", null),
        row("timeDuration", "P1Y", "2027-01-01T09:00:00Z", null),
        row("timeDuration", "P1Y2M3DT4H5M", "2027-03-04T13:05:00Z", null),
        row("timeDuration", "p1d", "2026-01-02T09:00:00Z", null), // java.time reads P..D in any case
        row("timeDuration", "-PT10S", "2026-01-01T08:59:50Z", null), // Zeebe does not refuse the past
        row("timeDuration", "2026-01-01T12:00:00Z/PT1H", "2026-01-01T12:00:00Z", null), // a start ahead
        row("timeDate", "2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z", null),
        row("timeDate", "2026-01-02T08:00:00+08:00", "2026-01-02T00:00:00Z", null),
        row("timeDate", "2026-07-01T09:00:00+02:00[Europe/Paris]", "2026-07-01T07:00:00Z", null),
        row("timeDate", "2026-01-01T09:00Z", "2026-01-01T09:00:00Z", null),
        row("timeCycle", "R5/PT10S", "2026-01-01T09:00:10Z", "2026-01-01T09:00:20Z"),
        row("timeCycle", "R/PT1H", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z"),
        row("timeCycle", "R/P1W", "2026-01-08T09:00:00Z", "2026-01-15T09:00:00Z"),
        row("timeCycle", "R3/2026-01-01T12:00:00Z/P1D", "2026-01-01T12:00:00Z", "2026-01-02T12:00:00Z"),
        // A start already past counts as now: Zeebe waits one interval, it does not fire at once.
        row("timeCycle", "R2/2025-12-31T00:00:00Z/PT1H", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z"),
        row("timeCycle", "0 0 9 * * MON-FRI", "2026-01-02T09:00:00Z", "2026-01-05T09:00:00Z"),
        row("timeCycle", "0 0 9 * * 7", "2026-01-04T09:00:00Z", "2026-01-11T09:00:00Z"), // 7 is Sunday
        row("timeCycle", "0 0 9 * * mon", "2026-01-05T09:00:00Z", "2026-01-12T09:00:00Z"),
        row("timeCycle", "0/15 * * * * *", "2026-01-01T09:00:15Z", "2026-01-01T09:00:30Z"),
        row("timeCycle", "0 0 12 L * ?", "2026-01-31T12:00:00Z", "2026-02-28T12:00:00Z"),
        row("timeCycle", "0 0 12 L-3 * ?", "2026-01-28T12:00:00Z", "2026-02-25T12:00:00Z"),
        row("timeCycle", "0 0 12 LW * ?", "2026-01-30T12:00:00Z", "2026-02-27T12:00:00Z"),
        row("timeCycle", "0 0 12 15W * ?", "2026-01-15T12:00:00Z", "2026-02-16T12:00:00Z"),
        row("timeCycle", "0 0 12 ? * FRI#2", "2026-01-09T12:00:00Z", "2026-02-13T12:00:00Z"),
        row("timeCycle", "0 0 12 ? * 5L", "2026-01-30T12:00:00Z", "2026-02-27T12:00:00Z"),
        row("timeCycle", "@hourly", "2026-01-01T10:00:00Z", "2026-01-01T11:00:00Z"),
        row("timeCycle", "@daily", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"),
        row("timeCycle", "@midnight", "2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"),
        row("timeCycle", "@weekly", "2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"),
        row("timeCycle", "@monthly", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"),
        row("timeCycle", "@yearly", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
        row("timeCycle", "@annually", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z"),
        // February 30th never comes: Zeebe deploys it and fires it once, at once.
        row("timeCycle", "0 0 0 30 2 ?", "2026-01-01T09:00:00Z", null));
  }

  /** kind, value: refused by Zeebe 8.8 (and so by lint and engine), except where noted. */
  public static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("timeDuration", "1 day"),
        Arguments.of("timeDuration", "P"),
        Arguments.of("timeDuration", "PT"),
        Arguments.of("timeDuration", "P1W2"),
        Arguments.of("timeDuration", "P1.5D"),
        Arguments.of("timeDuration", "PT1X"),
        Arguments.of("timeDuration", "pt10s"),
        Arguments.of("timeDuration", "P999999999Y"), // Zeebe: the due date overflows
        Arguments.of("timeDate", "2026-01-01"),
        Arguments.of("timeDate", "2026-01-01T09:00:00"),
        Arguments.of("timeDate", "2026-01-01 09:00:00Z"),
        Arguments.of("timeDate", "20260101T090000Z"),
        Arguments.of("timeDate", "next tuesday"),
        Arguments.of("timeCycle", "R5"),
        Arguments.of("timeCycle", "Rx/PT10S"),
        Arguments.of("timeCycle", "R3/2026-01-01T09:00:00/P1D"),
        Arguments.of("timeCycle", "R3/every hour"),
        Arguments.of("timeCycle", "PT1H"), // a cycle without R is read as cron
        Arguments.of("timeCycle", "0 9 * * MON-FRI"), // five fields: Unix cron
        Arguments.of("timeCycle", "0 0 9 * * MON-FRI 2026"), // seven fields: Quartz cron with a year
        Arguments.of("timeCycle", "0 0 25 * * *"),
        Arguments.of("timeCycle", "0 0 9 32 * *"),
        Arguments.of("timeCycle", "0 0 9 * * 8"),
        Arguments.of("timeCycle", "0 0 9 L W *"),
        Arguments.of("timeCycle", "*/0 * * * * *"),
        Arguments.of("timeCycle", "H 0 9 * * *"),
        Arguments.of("timeCycle", "@reboot"),
        // Zeebe accepts these and fires them without pause; the embedded engine refuses them (README).
        Arguments.of("timeCycle", "R/PT0S"),
        Arguments.of("timeCycle", "R/-PT1H"));
  }

  private static Arguments row(String kind, String value, String firstDue, String secondDue) {
    return Arguments.of(kind, value, Instant.parse(firstDue), secondDue == null ? null : Instant.parse(secondDue));
  }
}
