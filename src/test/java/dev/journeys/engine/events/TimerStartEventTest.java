package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.awaitJobs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.StartEventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timer start events are scheduled on deployment; a new version replaces the old version's timer. */
class TimerStartEventTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private static BpmnModelInstance scheduled(String tag, Consumer<StartEventBuilder> timer) {
    StartEventBuilder start = Bpmn.createExecutableProcess("digest").name(tag).startEvent("tick");
    timer.accept(start);
    return start.serviceTask("send-digest", t -> t.zeebeJobType("digest")).endEvent().done();
  }

  @Test
  void aCycleStartEventCreatesAnInstanceEachTimeItFallsDue() {
    engine.deploy(scheduled("v1", s -> s.timerWithCycle("R/PT1H")));

    engine.controlledClock().advance(Duration.ofHours(1).minusMillis(1));
    assertNoJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofMillis(1));
    ActivatedJob first = awaitJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofHours(1));
    ActivatedJob second = awaitJob(engine, "digest");

    assertThat(second.getProcessInstanceKey()).isNotEqualTo(first.getProcessInstanceKey());
  }

  @Test
  void aBoundedCycleCreatesExactlyItsRepetitions() {
    engine.deploy(scheduled("v1", s -> s.timerWithCycle("R2/PT1H")));

    engine.controlledClock().advance(Duration.ofHours(10));

    List<ActivatedJob> jobs = awaitJobs(engine, "digest", 2);
    assertThat(jobs).extracting(ActivatedJob::getProcessInstanceKey).doesNotHaveDuplicates();
  }

  @Test
  void aDateStartEventCreatesOneInstanceAtThatDate() {
    engine.deploy(scheduled("v1", s -> s.timerWithDate("2026-01-02T00:00:00Z")));

    engine.controlledClock().setTo(Instant.parse("2026-01-01T23:59:59.999Z"));
    assertNoJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofMillis(1));
    awaitJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofDays(3));
    assertNoJob(engine, "digest");
  }

  @Test
  void aCycleWithAStartTimeFirstFiresAtThatTime() {
    engine.deploy(scheduled("v1", s -> s.timerWithCycle("R2/2026-01-01T12:00:00Z/PT1H")));

    engine.controlledClock().setTo(Instant.parse("2026-01-01T11:59:59.999Z"));
    assertNoJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofMillis(1));
    awaitJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofHours(1).minusMillis(1));
    assertNoJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofMillis(1));
    awaitJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofHours(5));
    assertNoJob(engine, "digest"); // R2: two instances in all
  }

  @Test
  void aNewVersionReplacesTheTimerOfTheOldVersion() {
    engine.deploy(scheduled("v1", s -> s.timerWithCycle("R/PT1H")));
    engine.controlledClock().advance(Duration.ofHours(1));
    assertThat(awaitJob(engine, "digest").getProcessDefinitionVersion()).isEqualTo(1);

    engine.deploy(scheduled("v2", s -> s.timerWithCycle("R/PT2H")));
    engine.controlledClock().advance(Duration.ofHours(1)); // v1 would have fired here
    assertNoJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofHours(1));

    assertThat(awaitJob(engine, "digest").getProcessDefinitionVersion()).isEqualTo(2);
    assertNoJob(engine, "digest");
  }

  @Test
  void aNewVersionWithoutATimerStartRemovesTheOldTimer() {
    engine.deploy(scheduled("v1", s -> s.timerWithCycle("R/PT1H")));
    engine.deploy(Bpmn.createExecutableProcess("digest").startEvent()
        .serviceTask("send-digest", t -> t.zeebeJobType("digest")).endEvent().done());

    engine.controlledClock().advance(Duration.ofHours(3));

    assertNoJob(engine, "digest");
  }

  @Test
  void redeployingTheSameXmlKeepsTheTimerAndCreatesNoDuplicate() {
    BpmnModelInstance model = scheduled("v1", s -> s.timerWithCycle("R/PT1H"));
    engine.deploy(model);
    engine.deploy(model);

    engine.controlledClock().advance(Duration.ofHours(1));

    awaitJob(engine, "digest");
    assertNoJob(engine, "digest");
  }

  @Test
  void aFeelCycleOnATimerStartEventIsEvaluatedAtDeployment() {
    engine.deploy(scheduled("v1", s -> s.timerWithCycleExpression("\"R/PT\" + string(2 * 3) + \"H\"")));

    engine.controlledClock().advance(Duration.ofHours(6).minusMillis(1));
    assertNoJob(engine, "digest");
    engine.controlledClock().advance(Duration.ofMillis(1));

    awaitJob(engine, "digest");
  }
}
