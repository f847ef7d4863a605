package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertJobGone;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.awaitJobs;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.builder.BoundaryEventBuilder;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timer boundary events: interrupting escalations and non-interrupting, repeating reminders. */
class TimerBoundaryTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private void deploy(Consumer<BoundaryEventBuilder> boundary) {
    engine.deploy(Bpmn.createExecutableProcess("deliver").startEvent()
        .serviceTask("await-delivery", t -> t.zeebeJobType("deliver"))
        .boundaryEvent("late", boundary)
        .serviceTask("remind", t -> t.zeebeJobType("remind")).endEvent()
        .moveToActivity("await-delivery")
        .serviceTask("after-delivery", t -> t.zeebeJobType("after-delivery")).endEvent()
        .done());
  }

  @Test
  void anInterruptingTimerTerminatesTheTaskWhenDueAndNotBefore() {
    deploy(b -> b.cancelActivity(true).timerWithDuration("PT1H"));
    long instance = create(engine, "deliver");
    ActivatedJob work = awaitJob(engine, "deliver");

    engine.controlledClock().advance(Duration.ofHours(1).minusMillis(1));
    assertNoJob(engine, "remind");
    engine.controlledClock().advance(Duration.ofMillis(1));

    complete(engine, awaitJob(engine, "remind"));
    assertJobGone(engine, work);
    assertEnded(engine, instance);
    assertNoJob(engine, "after-delivery");
  }

  @Test
  void aTimerIsCancelledWhenTheTaskCompletesFirst() {
    deploy(b -> b.cancelActivity(true).timerWithDuration("PT1H"));
    create(engine, "deliver");
    complete(engine, awaitJob(engine, "deliver"));
    awaitJob(engine, "after-delivery");

    engine.controlledClock().advance(Duration.ofHours(2));

    assertNoJob(engine, "remind");
  }

  @Test
  void aNonInterruptingCycleFiresItsRepetitionsWhileTheTaskIsActive() {
    deploy(b -> b.cancelActivity(false).timerWithCycle("R3/PT1H"));
    long instance = create(engine, "deliver");
    ActivatedJob work = awaitJob(engine, "deliver");

    for (int hour = 1; hour <= 3; hour++) {
      engine.controlledClock().advance(Duration.ofHours(1).minusMillis(1));
      assertNoJob(engine, "remind");
      engine.controlledClock().advance(Duration.ofMillis(1));
      complete(engine, awaitJob(engine, "remind"));
    }
    engine.controlledClock().advance(Duration.ofHours(5));
    assertNoJob(engine, "remind"); // R3: three times, no more

    complete(engine, work);
    complete(engine, awaitJob(engine, "after-delivery"));
    assertEnded(engine, instance);
  }

  @Test
  void aCycleThatFellDueSeveralTimesInOneClockMoveFiresEachRepetition() {
    deploy(b -> b.cancelActivity(false).timerWithCycle("R3/PT1H"));
    create(engine, "deliver");
    awaitJob(engine, "deliver");

    engine.controlledClock().advance(Duration.ofHours(10));

    assertThat(awaitJobs(engine, "remind", 3)).hasSize(3);
  }

  @Test
  void aRepeatingReminderStopsWhenTheTaskCompletes() {
    deploy(b -> b.cancelActivity(false).timerWithCycle("R/PT1H"));
    create(engine, "deliver");
    ActivatedJob work = awaitJob(engine, "deliver");
    engine.controlledClock().advance(Duration.ofHours(1));
    awaitJob(engine, "remind");
    engine.controlledClock().advance(Duration.ofHours(1));
    awaitJob(engine, "remind");

    complete(engine, work);
    awaitJob(engine, "after-delivery");
    engine.controlledClock().advance(Duration.ofHours(5));

    assertNoJob(engine, "remind");
  }

  @Test
  void aFeelCycleOnABoundaryEvent() {
    deploy(b -> b.cancelActivity(false).timerWithCycleExpression("\"R2/PT\" + string(hours) + \"H\""));
    engine.client().newCreateInstanceCommand().bpmnProcessId("deliver").latestVersion()
        .variables(java.util.Map.of("hours", 6)).send().join();
    awaitJob(engine, "deliver");

    engine.controlledClock().advance(Duration.ofHours(6).minusMillis(1));
    assertNoJob(engine, "remind");
    engine.controlledClock().advance(Duration.ofMillis(1));
    awaitJob(engine, "remind");
    engine.controlledClock().advance(Duration.ofHours(6));
    awaitJob(engine, "remind");
    engine.controlledClock().advance(Duration.ofHours(6));
    assertNoJob(engine, "remind");
  }
}
