package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.awaitJobs;
import static dev.journeys.engine.events.Events.create;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timers that fell due while the engine was down fire when it starts again on the same database, in
 * due order. The engine runs on an H2 file database; the controlled clock moves while it is stopped.
 */
class TimerDowntimeTest {

  @TempDir
  Path directory;

  private EngineHarness engine;

  @BeforeEach
  void start() {
    engine = EngineHarness.withControlledClock(EngineHarness.h2File(directory));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private void restartAfter(Duration downtime) {
    engine.stop();
    engine.controlledClock().advance(downtime);
    engine.start();
  }

  @Test
  void catchEventTimersThatFellDueDuringDowntimeFireOnStartInDueOrder() {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("wait-a-while", e -> e.timerWithDurationExpression("delay"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    // created latest-due first, so creation order is the opposite of due order
    create(engine, "wait", Map.of("delay", "PT10H", "label", "10h"));
    create(engine, "wait", Map.of("delay", "PT3H", "label", "3h"));
    create(engine, "wait", Map.of("delay", "PT2H", "label", "2h"));
    create(engine, "wait", Map.of("delay", "PT1H", "label", "1h"));

    restartAfter(Duration.ofHours(5));

    List<ActivatedJob> fired = awaitJobs(engine, "after", 3); // and not the 10h one
    // keys grow with creation, so the job keys give the order in which the timers fired
    assertThat(fired.stream().sorted(Comparator.comparingLong(ActivatedJob::getKey))
        .map(job -> job.getVariablesAsMap().get("label")))
        .containsExactly("1h", "2h", "3h");

    engine.controlledClock().advance(Duration.ofHours(5).minusMillis(1));
    assertNoJob(engine, "after");
    engine.controlledClock().advance(Duration.ofMillis(1));
    assertThat(awaitJob(engine, "after").getVariablesAsMap()).containsEntry("label", "10h");
  }

  @Test
  void aTimerNotYetDueAfterTheRestartStillWaitsForItsTime() {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("wait-a-day", e -> e.timerWithDuration("P1D"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    create(engine, "wait");

    restartAfter(Duration.ofHours(23));
    assertNoJob(engine, "after");

    engine.controlledClock().advance(Duration.ofHours(1).minusMillis(1));
    assertNoJob(engine, "after");
    engine.controlledClock().advance(Duration.ofMillis(1));
    awaitJob(engine, "after");
  }

  @Test
  void aStartEventCycleCatchesUpAfterDowntime() {
    engine.deploy(Bpmn.createExecutableProcess("digest").startEvent("tick").timerWithCycle("R/PT1H")
        .serviceTask("send-digest", t -> t.zeebeJobType("digest")).endEvent().done());

    restartAfter(Duration.ofHours(3).plusMinutes(30));

    // due at +1h, +2h and +3h; the next one (+4h) is not due yet
    List<ActivatedJob> digests = awaitJobs(engine, "digest", 3);
    assertThat(digests).extracting(ActivatedJob::getProcessInstanceKey).doesNotHaveDuplicates();
    engine.controlledClock().advance(Duration.ofMinutes(30));
    awaitJob(engine, "digest");
  }

  @Test
  void interleavedStartAndBoundaryTimersFireInDueOrderAfterDowntime() {
    engine.deploy(Bpmn.createExecutableProcess("mixed").startEvent()
        .serviceTask("await", t -> t.zeebeJobType("await"))
        .boundaryEvent("nudge", b -> b.cancelActivity(false).timerWithCycle("R3/PT2H"))
        .serviceTask("nudge-task", t -> t.zeebeJobType("fired").zeebeInput("=\"nudge\"", "kind")).endEvent()
        .moveToActivity("await").endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("ticking").startEvent("tick").timerWithCycle("R/PT150M")
        .serviceTask("tick-task", t -> t.zeebeJobType("fired").zeebeInput("=\"tick\"", "kind")).endEvent().done());
    create(engine, "mixed");
    awaitJob(engine, "await");

    restartAfter(Duration.ofHours(6).plusMinutes(30));

    // due: nudge +2h, tick +2h30, nudge +4h, tick +5h, nudge +6h; the next tick (+7h30) is not due yet
    List<String> kinds = awaitJobs(engine, "fired", 5).stream()
        .sorted(Comparator.comparingLong(ActivatedJob::getKey))
        .map(job -> (String) job.getVariablesAsMap().get("kind"))
        .toList();
    assertThat(kinds).containsExactly("nudge", "tick", "nudge", "tick", "nudge");
  }
}
