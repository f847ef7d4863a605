package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertActive;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.create;
import static dev.journeys.engine.events.Events.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A message correlates at most once per BPMN process id (all versions), but to every different process. */
class MessageCorrelationOncePerProcessTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  /** Version {@code tag} of a process waiting for 'shipped'; the tag only makes each version differ. */
  private static BpmnModelInstance waiting(String processId, String tag) {
    return Bpmn.createExecutableProcess(processId).name(tag).startEvent()
        .intermediateCatchEvent("wait-shipped")
        .message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after", t -> t.zeebeJobType("after-" + processId)).endEvent().done();
  }

  @Test
  void aMessageCorrelatesToOnlyOneWaitingInstanceOfTheSameProcessAcrossVersions() {
    engine.deploy(waiting("journey", "v1"));
    long onV1 = create(engine, "journey", Map.of("orderId", "o-1"));
    engine.deploy(waiting("journey", "v2"));
    long onV2 = create(engine, "journey", Map.of("orderId", "o-1"));

    publish(engine, "shipped", "o-1", Duration.ZERO, Map.of("seq", 1));

    ActivatedJob first = awaitJob(engine, "after-journey");
    assertThat(first.getProcessInstanceKey()).isIn(onV1, onV2);
    assertNoJob(engine, "after-journey");

    publish(engine, "shipped", "o-1", Duration.ZERO, Map.of("seq", 2));

    ActivatedJob second = awaitJob(engine, "after-journey");
    assertThat(second.getProcessInstanceKey()).isIn(onV1, onV2).isNotEqualTo(first.getProcessInstanceKey());
    assertThat(second.getVariablesAsMap()).containsEntry("seq", 2);
  }

  @Test
  void twoWaitingInstancesOfOneVersionAlsoShareOneMessage() {
    engine.deploy(waiting("journey", "v1"));
    create(engine, "journey", Map.of("orderId", "o-1"));
    create(engine, "journey", Map.of("orderId", "o-1"));

    publish(engine, "shipped", "o-1", Duration.ZERO);

    awaitJob(engine, "after-journey");
    assertNoJob(engine, "after-journey");
  }

  @Test
  void aMessageCorrelatesToEveryDifferentProcessWaitingForIt() {
    engine.deploy(waiting("confirmation", "v1"), waiting("feedback", "v1"), waiting("loyalty", "v1"));
    create(engine, "confirmation", Map.of("orderId", "o-1"));
    create(engine, "feedback", Map.of("orderId", "o-1"));
    create(engine, "loyalty", Map.of("orderId", "o-1"));

    publish(engine, "shipped", "o-1", Duration.ZERO, Map.of("carrier", "DHL"));

    for (String process : List.of("confirmation", "feedback", "loyalty")) {
      assertThat(awaitJob(engine, "after-" + process).getVariablesAsMap()).containsEntry("carrier", "DHL");
    }
  }

  @Test
  void aBufferedMessageThatCorrelatedToOneVersionIsNotTakenByAnotherVersion() {
    engine.deploy(waiting("journey", "v1"), waiting("other", "v1"));
    create(engine, "journey", Map.of("orderId", "o-1"));
    publish(engine, "shipped", "o-1", Duration.ofHours(1), Map.of("carrier", "DHL"));
    awaitJob(engine, "after-journey");

    engine.deploy(waiting("journey", "v2"));
    long onV2 = create(engine, "journey", Map.of("orderId", "o-1"));
    create(engine, "other", Map.of("orderId", "o-1"));

    assertThat(awaitJob(engine, "after-other").getVariablesAsMap())
        .containsEntry("carrier", "DHL");
    assertNoJob(engine, "after-journey");
    assertActive(engine, onV2);
  }
}
