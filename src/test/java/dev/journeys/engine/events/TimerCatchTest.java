package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.create;

import dev.journeys.engine.EngineHarness;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.IntermediateCatchEventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Intermediate timer catch events: durations, dates, FEEL. A timer never fires early: one millisecond
 * before it is due nothing happens; at its due time it fires. The controlled clock starts at
 * 2026-01-01T09:00:00Z.
 */
class TimerCatchTest {

  private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private void deploy(Consumer<IntermediateCatchEventBuilder> timer) {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("wait-a-while", timer)
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
  }

  /** Moves the clock to 1 ms before {@code due}, expects nothing, then to {@code due}, and expects the timer. */
  private void assertFiresExactlyAt(Instant due) {
    engine.controlledClock().setTo(due.minusMillis(1));
    assertNoJob(engine, "after");
    engine.controlledClock().advance(Duration.ofMillis(1));
    awaitJob(engine, "after");
  }

  @Test
  void aDurationOfMinutes() {
    deploy(e -> e.timerWithDuration("PT10M"));
    create(engine, "wait");

    assertFiresExactlyAt(START.plus(Duration.ofMinutes(10)));
  }

  @Test
  void aDurationOfOneDay() {
    deploy(e -> e.timerWithDuration("P1D"));
    create(engine, "wait");

    assertFiresExactlyAt(Instant.parse("2026-01-02T09:00:00Z"));
  }

  @Test
  void aDurationOfOneYearIsACalendarYear() {
    deploy(e -> e.timerWithDuration("P1Y"));
    create(engine, "wait");

    assertFiresExactlyAt(Instant.parse("2027-01-01T09:00:00Z"));
  }

  @Test
  void aDurationOfOneMonthIsACalendarMonth() {
    deploy(e -> e.timerWithDuration("P1M"));
    create(engine, "wait");

    assertFiresExactlyAt(Instant.parse("2026-02-01T09:00:00Z"));
  }

  @Test
  void aDurationWithDaysAndTime() {
    deploy(e -> e.timerWithDuration("P1DT2H30M"));
    create(engine, "wait");

    assertFiresExactlyAt(Instant.parse("2026-01-02T11:30:00Z"));
  }

  @Test
  void theDurationCountsFromWhenTheEventIsReachedNotFromDeployment() {
    deploy(e -> e.timerWithDuration("PT1H"));
    engine.controlledClock().advance(Duration.ofHours(5));
    create(engine, "wait");

    assertFiresExactlyAt(START.plus(Duration.ofHours(6)));
  }

  @Test
  void aDateInUtc() {
    deploy(e -> e.timerWithDate("2026-01-03T10:15:00Z"));
    create(engine, "wait");

    assertFiresExactlyAt(Instant.parse("2026-01-03T10:15:00Z"));
  }

  @Test
  void aDateWithAnOffset() {
    deploy(e -> e.timerWithDate("2026-01-01T12:00:00+02:00"));
    create(engine, "wait");

    assertFiresExactlyAt(Instant.parse("2026-01-01T10:00:00Z"));
  }

  @Test
  void aDateInThePastFiresAtOnce() {
    deploy(e -> e.timerWithDate("2025-12-31T00:00:00Z"));
    create(engine, "wait");

    awaitJob(engine, "after");
  }

  @Test
  void aFeelDurationFromAVariable() {
    deploy(e -> e.timerWithDurationExpression("reminderDelay"));
    create(engine, "wait", Map.of("reminderDelay", "PT2H"));

    assertFiresExactlyAt(START.plus(Duration.ofHours(2)));
  }

  @Test
  void aFeelDurationComputedByAFunction() {
    deploy(e -> e.timerWithDurationExpression("duration(\"P\" + string(days) + \"D\")"));
    create(engine, "wait", Map.of("days", 3));

    assertFiresExactlyAt(Instant.parse("2026-01-04T09:00:00Z"));
  }

  @Test
  void aFeelDateFromAVariable() {
    deploy(e -> e.timerWithDateExpression("promisedDate"));
    create(engine, "wait", Map.of("promisedDate", "2026-01-05T08:00:00Z"));

    assertFiresExactlyAt(Instant.parse("2026-01-05T08:00:00Z"));
  }

  @Test
  void aFeelDateAndTimeValue() {
    deploy(e -> e.timerWithDateExpression("date and time(deliveredAt) + duration(\"PT24H\")"));
    create(engine, "wait", Map.of("deliveredAt", "2026-01-01T15:30:00Z"));

    assertFiresExactlyAt(Instant.parse("2026-01-02T15:30:00Z"));
  }

  @Test
  void aFeelDateWithAZoneId() {
    deploy(e -> e.timerWithDateExpression("date and time(\"2026-01-01T12:00:00@Europe/Berlin\")"));
    create(engine, "wait");

    assertFiresExactlyAt(Instant.parse("2026-01-01T11:00:00Z"));
  }

  @Test
  void severalTimersFallingDueInOneClockMoveAllFire() {
    deploy(e -> e.timerWithDurationExpression("delay"));
    create(engine, "wait", Map.of("delay", "PT1H"));
    create(engine, "wait", Map.of("delay", "PT2H"));
    create(engine, "wait", Map.of("delay", "PT3H"));

    engine.controlledClock().advance(Duration.ofHours(3));

    Events.awaitJobs(engine, "after", 3);
  }
}
