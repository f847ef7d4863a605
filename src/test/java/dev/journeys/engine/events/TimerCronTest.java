package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.create;

import dev.journeys.engine.EngineHarness;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Six-field cron cycles (second minute hour day-of-month month day-of-week), as Zeebe accepts them,
 * evaluated in UTC. The clock starts on Thursday 2026-01-01 09:00:00Z.
 */
class TimerCronTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private void assertNextAt(String jobType, Instant due) {
    engine.controlledClock().setTo(due.minusMillis(1));
    assertNoJob(engine, jobType);
    engine.controlledClock().advance(Duration.ofMillis(1));
    complete(engine, awaitJob(engine, jobType));
  }

  @Test
  void aWeekdayMorningStartEventSkipsTheWeekend() {
    engine.deploy(Bpmn.createExecutableProcess("weekday").startEvent("morning").timerWithCycle("0 0 9 * * MON-FRI")
        .serviceTask("work", t -> t.zeebeJobType("weekday")).endEvent().done());

    // now is exactly Thu 09:00:00 and cron fires strictly after the current time
    assertNextAt("weekday", Instant.parse("2026-01-02T09:00:00Z")); // Friday
    assertNextAt("weekday", Instant.parse("2026-01-05T09:00:00Z")); // Monday, not Saturday or Sunday
    assertNextAt("weekday", Instant.parse("2026-01-06T09:00:00Z"));
  }

  @Test
  void stepsAndListsInCronFields() {
    engine.deploy(Bpmn.createExecutableProcess("quarter").startEvent("every-quarter").timerWithCycle("30 0/15 9,10 * * *")
        .serviceTask("work", t -> t.zeebeJobType("quarter")).endEvent().done());

    assertNextAt("quarter", Instant.parse("2026-01-01T09:00:30Z"));
    assertNextAt("quarter", Instant.parse("2026-01-01T09:15:30Z"));
    engine.controlledClock().setTo(Instant.parse("2026-01-01T10:50:00Z"));
    // 09:30:30, 09:45:30, 10:00:30, 10:15:30, 10:30:30 and 10:45:30 fell due in that one move
    Events.awaitJobs(engine, "quarter", 6).forEach(job -> complete(engine, job));
    assertNextAt("quarter", Instant.parse("2026-01-02T09:00:30Z")); // not at 11:00 or later that day
  }

  @Test
  void aCronCycleOnANonInterruptingBoundaryEvent() {
    engine.deploy(Bpmn.createExecutableProcess("reminders").startEvent()
        .serviceTask("await-review", t -> t.zeebeJobType("review"))
        .boundaryEvent("daily", b -> b.cancelActivity(false).timerWithCycle("0 0 18 * * ?"))
        .serviceTask("remind", t -> t.zeebeJobType("remind")).endEvent()
        .moveToActivity("await-review").endEvent().done());
    create(engine, "reminders");
    awaitJob(engine, "review");

    assertNextAt("remind", Instant.parse("2026-01-01T18:00:00Z"));
    assertNextAt("remind", Instant.parse("2026-01-02T18:00:00Z"));
  }
}
