package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertJobGone;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.create;
import static dev.journeys.engine.events.Events.failsWith;
import static dev.journeys.engine.events.Events.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Message boundary events on a task: interrupting ends the task and its job; non-interrupting does not. */
class MessageBoundaryEventTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private void deploy(boolean interrupting) {
    engine.deploy(Bpmn.createExecutableProcess("deliver").startEvent()
        .serviceTask("await-delivery", t -> t.zeebeJobType("deliver"))
        .boundaryEvent("cancelled", b -> b.cancelActivity(interrupting)
            .message(m -> m.name("cancel").zeebeCorrelationKeyExpression("orderId")))
        .serviceTask("on-cancel", t -> t.zeebeJobType("on-cancel")).endEvent()
        .moveToActivity("await-delivery")
        .serviceTask("after-delivery", t -> t.zeebeJobType("after-delivery")).endEvent()
        .done());
  }

  @Test
  void anInterruptingMessageTerminatesTheTaskAndItsJob() {
    deploy(true);
    long instance = create(engine, "deliver", Map.of("orderId", "o-1"));
    ActivatedJob work = awaitJob(engine, "deliver");

    publish(engine, "cancel", "o-1", Duration.ZERO, Map.of("reason", "customer"));

    ActivatedJob onCancel = awaitJob(engine, "on-cancel");
    assertThat(onCancel.getVariablesAsMap()).containsEntry("reason", "customer");
    assertJobGone(engine, work);
    failsWith(Status.Code.NOT_FOUND, () -> engine.client().newSetVariablesCommand(work.getElementInstanceKey())
        .variables(Map.of("x", 1)).send().join());
    complete(engine, onCancel);
    assertEnded(engine, instance);
    assertNoJob(engine, "after-delivery");
  }

  @Test
  void anInterruptingBoundaryFiresOnlyOnce() {
    deploy(true);
    create(engine, "deliver", Map.of("orderId", "o-1"));
    awaitJob(engine, "deliver");

    publish(engine, "cancel", "o-1", Duration.ZERO);
    awaitJob(engine, "on-cancel");
    publish(engine, "cancel", "o-1", Duration.ZERO);

    assertNoJob(engine, "on-cancel");
  }

  @Test
  void aNonInterruptingMessageKeepsTheTaskAndCanFireAgain() {
    deploy(false);
    long instance = create(engine, "deliver", Map.of("orderId", "o-1"));
    ActivatedJob work = awaitJob(engine, "deliver");

    publish(engine, "cancel", "o-1", Duration.ZERO, Map.of("n", 1));
    ActivatedJob firstNotice = awaitJob(engine, "on-cancel");
    publish(engine, "cancel", "o-1", Duration.ZERO, Map.of("n", 2));
    ActivatedJob secondNotice = awaitJob(engine, "on-cancel");

    assertThat(firstNotice.getVariablesAsMap()).containsEntry("n", 1);
    assertThat(secondNotice.getVariablesAsMap()).containsEntry("n", 2);
    complete(engine, firstNotice);
    complete(engine, secondNotice);
    complete(engine, work); // the task was never interrupted: its job is still there
    complete(engine, awaitJob(engine, "after-delivery"));
    assertEnded(engine, instance);
  }

  @Test
  void aNonInterruptingBoundaryClosesWhenTheTaskCompletes() {
    deploy(false);
    create(engine, "deliver", Map.of("orderId", "o-1"));
    complete(engine, awaitJob(engine, "deliver"));
    awaitJob(engine, "after-delivery");

    publish(engine, "cancel", "o-1", Duration.ZERO);

    assertNoJob(engine, "on-cancel");
  }

  @Test
  void aBufferedMessageTriggersTheBoundaryWhenTheTaskStarts() {
    deploy(true);
    publish(engine, "cancel", "o-1", Duration.ofHours(1));

    create(engine, "deliver", Map.of("orderId", "o-1"));

    awaitJob(engine, "on-cancel");
    assertNoJob(engine, "deliver");
  }
}
