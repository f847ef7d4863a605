package dev.journeys.engine.events;

import static dev.journeys.Awaits.awaitDuring;
import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertJobGone;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.createWithResult;
import static dev.journeys.engine.events.Events.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.StartEventBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Event subprocesses: an interrupting one ends everything else in its scope; a non-interrupting one
 * runs alongside, and the scope completes only after it.
 */
class EventSubProcessTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private static BpmnModelInstance journey(Consumer<StartEventBuilder> start) {
    return Bpmn.createExecutableProcess("journey")
        .eventSubProcess("side", e -> e.startEvent("side-start", start)
            .serviceTask("side-task", t -> t.zeebeJobType("side-task")).endEvent())
        .startEvent()
        .serviceTask("main-task", t -> t.zeebeJobType("main-task"))
        .serviceTask("main-next", t -> t.zeebeJobType("main-next")).endEvent()
        .done();
  }

  @Test
  void anInterruptingMessageEventSubprocessTerminatesTheRest() {
    engine.deploy(journey(s -> s.interrupting(true)
        .message(m -> m.name("cancelled").zeebeCorrelationKeyExpression("orderId"))));
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "journey", Map.of("orderId", "o-1"));
    ActivatedJob main = awaitJob(engine, "main-task");

    publish(engine, "cancelled", "o-1", Duration.ZERO, Map.of("reason", "customer request"));

    ActivatedJob side = awaitJob(engine, "side-task");
    assertThat(side.getVariablesAsMap()).containsEntry("reason", "customer request");
    assertJobGone(engine, main);
    complete(engine, side);
    assertThat(result.join().getVariablesAsMap()).containsEntry("orderId", "o-1");
    assertNoJob(engine, "main-next");
  }

  @Test
  void anInterruptingTimerEventSubprocessTerminatesTheRestWhenDue() {
    engine.deploy(journey(s -> s.interrupting(true).timerWithDuration("PT2H")));
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "journey", Map.of());
    ActivatedJob main = awaitJob(engine, "main-task");

    engine.controlledClock().advance(Duration.ofHours(2).minusMillis(1));
    assertNoJob(engine, "side-task");
    engine.controlledClock().advance(Duration.ofMillis(1));

    ActivatedJob side = awaitJob(engine, "side-task");
    assertJobGone(engine, main);
    complete(engine, side);
    result.join();
  }

  @Test
  void aBufferedMessageTriggersAnInterruptingEventSubprocessWhenTheInstanceStarts() {
    engine.deploy(journey(s -> s.interrupting(true)
        .message(m -> m.name("cancelled").zeebeCorrelationKeyExpression("orderId"))));
    publish(engine, "cancelled", "o-1", Duration.ofHours(1), Map.of("reason", "cancelled before start"));

    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "journey", Map.of("orderId", "o-1"));

    ActivatedJob side = awaitJob(engine, "side-task");
    assertThat(side.getVariablesAsMap()).containsEntry("reason", "cancelled before start");
    assertNoJob(engine, "main-task"); // the rest of the process was interrupted
    complete(engine, side);
    result.join();
  }

  @Test
  void aNonInterruptingEventSubprocessRunsAlongsideAndTheProcessWaitsForIt() {
    engine.deploy(journey(s -> s.interrupting(false).timerWithDuration("PT1H")));
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "journey", Map.of());
    ActivatedJob main = awaitJob(engine, "main-task");

    engine.controlledClock().advance(Duration.ofHours(1));
    ActivatedJob side = awaitJob(engine, "side-task");
    complete(engine, main); // not interrupted
    complete(engine, awaitJob(engine, "main-next"));

    long processInstanceKey = main.getProcessInstanceKey();
    Events.assertActive(engine, processInstanceKey); // the event subprocess is still running
    assertThat(result.isDone()).as("instance completed").isFalse();
    complete(engine, side);
    assertThat(result.join().getProcessInstanceKey()).isEqualTo(processInstanceKey);
  }

  @Test
  void aNonInterruptingMessageEventSubprocessCanRunSeveralTimes() {
    engine.deploy(journey(s -> s.interrupting(false)
        .message(m -> m.name("address-changed").zeebeCorrelationKeyExpression("orderId"))));
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "journey", Map.of("orderId", "o-1"));
    ActivatedJob main = awaitJob(engine, "main-task");

    publish(engine, "address-changed", "o-1", Duration.ZERO, Map.of("n", 1));
    ActivatedJob first = awaitJob(engine, "side-task");
    publish(engine, "address-changed", "o-1", Duration.ZERO, Map.of("n", 2));
    ActivatedJob second = awaitJob(engine, "side-task");

    assertThat(second.getElementInstanceKey()).isNotEqualTo(first.getElementInstanceKey());
    complete(engine, main);
    complete(engine, awaitJob(engine, "main-next"));
    complete(engine, first);
    assertThat(result.isDone()).as("instance completed").isFalse();
    complete(engine, second);
    result.join();
  }

  @Test
  void theEventSubprocessIsClosedWhenItsScopeCompletes() {
    engine.deploy(journey(s -> s.interrupting(true).timerWithDuration("PT2H")));
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "journey", Map.of());
    complete(engine, awaitJob(engine, "main-task"));
    complete(engine, awaitJob(engine, "main-next"));
    result.join();

    engine.controlledClock().advance(Duration.ofHours(3));

    assertNoJob(engine, "side-task");
  }

  @Test
  void anInterruptingEventSubprocessInsideASubprocessEndsOnlyThatSubprocess() {
    engine.deploy(Bpmn.createExecutableProcess("nested").startEvent()
        .parallelGateway("fork")
        .serviceTask("outside", t -> t.zeebeJobType("outside")).endEvent()
        .moveToNode("fork")
        .subProcess("delivery", s -> s.embeddedSubProcess()
            .eventSubProcess("lost", e -> e.startEvent("lost-start", st -> st.interrupting(true)
                    .message(m -> m.name("parcel-lost").zeebeCorrelationKeyExpression("orderId")))
                .serviceTask("claim", t -> t.zeebeJobType("claim")).endEvent())
            .startEvent().serviceTask("track", t -> t.zeebeJobType("track")).endEvent())
        .serviceTask("after-delivery", t -> t.zeebeJobType("after-delivery")).endEvent()
        .done());
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "nested", Map.of("orderId", "o-1"));
    ActivatedJob outside = awaitJob(engine, "outside");
    ActivatedJob track = awaitJob(engine, "track");

    publish(engine, "parcel-lost", "o-1", Duration.ZERO);

    complete(engine, awaitJob(engine, "claim"));
    assertJobGone(engine, track);
    complete(engine, awaitJob(engine, "after-delivery")); // the subprocess completed normally after the claim
    complete(engine, outside); // the sibling outside the subprocess was not touched
    result.join();
  }

  @Test
  void theInstanceEndsOnlyAfterAnInterruptingEventSubprocessCompletes() {
    engine.deploy(journey(s -> s.interrupting(true).timerWithDuration("PT1H")));
    CamundaFuture<ProcessInstanceResult> result = createWithResult(engine, "journey", Map.of());
    ActivatedJob main = awaitJob(engine, "main-task");
    engine.controlledClock().advance(Duration.ofHours(1));
    ActivatedJob side = awaitJob(engine, "side-task");

    awaitDuring(Duration.ofMillis(200)).until(() -> !result.isDone());
    complete(engine, side);

    result.join();
    assertEnded(engine, main.getProcessInstanceKey());
  }
}
