package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.publish;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Message start events: a message starts an instance, at most one active instance per correlation key. */
class MessageStartEventTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private static BpmnModelInstance startedBy(String processId, String message, String jobType) {
    return Bpmn.createExecutableProcess(processId).startEvent("placed").message(message)
        .serviceTask("confirm", t -> t.zeebeJobType(jobType)).endEvent().done();
  }

  @Test
  void aMessageStartsAnInstanceWithItsVariables() {
    engine.deploy(startedBy("order", "order-placed", "confirm"));

    publish(engine, "order-placed", "o-1", Duration.ZERO, Map.of("orderId", "o-1", "total", 99));

    ActivatedJob confirm = awaitJob(engine, "confirm");
    assertThat(confirm.getBpmnProcessId()).isEqualTo("order");
    assertThat(confirm.getVariablesAsMap()).containsEntry("orderId", "o-1").containsEntry("total", 99);
    complete(engine, confirm);
    assertEnded(engine, confirm.getProcessInstanceKey());
  }

  @Test
  void noSecondInstanceStartsWhileOneWithTheSameCorrelationKeyIsActive() {
    engine.deploy(startedBy("order", "order-placed", "confirm"));
    publish(engine, "order-placed", "o-1", Duration.ZERO);
    ActivatedJob first = awaitJob(engine, "confirm");

    publish(engine, "order-placed", "o-1", Duration.ZERO);
    assertNoJob(engine, "confirm");

    publish(engine, "order-placed", "o-2", Duration.ZERO, Map.of("orderId", "o-2"));
    ActivatedJob other = awaitJob(engine, "confirm");
    assertThat(other.getVariablesAsMap()).containsEntry("orderId", "o-2");
    assertThat(other.getProcessInstanceKey()).isNotEqualTo(first.getProcessInstanceKey());
  }

  @Test
  void messagesWithoutCorrelationKeyAlwaysStartANewInstance() {
    engine.deploy(startedBy("order", "order-placed", "confirm"));

    publish(engine, "order-placed", "", Duration.ZERO);
    publish(engine, "order-placed", "", Duration.ZERO);

    ActivatedJob first = awaitJob(engine, "confirm");
    ActivatedJob second = awaitJob(engine, "confirm");
    assertThat(second.getProcessInstanceKey()).isNotEqualTo(first.getProcessInstanceKey());
  }

  @Test
  void theBufferedMessageStartsTheNextInstanceOnceTheActiveOneEnds() {
    engine.deploy(startedBy("order", "order-placed", "confirm"));
    publish(engine, "order-placed", "o-1", Duration.ofHours(1), Map.of("seq", 1));
    ActivatedJob first = awaitJob(engine, "confirm");
    assertThat(first.getVariablesAsMap()).containsEntry("seq", 1);

    publish(engine, "order-placed", "o-1", Duration.ofHours(1), Map.of("seq", 2));
    assertNoJob(engine, "confirm");
    complete(engine, first);

    ActivatedJob second = awaitJob(engine, "confirm");
    assertThat(second.getProcessInstanceKey()).isNotEqualTo(first.getProcessInstanceKey());
    assertThat(second.getVariablesAsMap()).containsEntry("seq", 2);

    complete(engine, second); // the first message already started an instance: it must not start another
    assertEnded(engine, second.getProcessInstanceKey());
    assertNoJob(engine, "confirm");
  }

  @Test
  void aBufferedMessageWhoseTimeToLiveRanOutStartsNothing() {
    engine.deploy(startedBy("order", "order-placed", "confirm"));
    publish(engine, "order-placed", "o-1", Duration.ZERO);
    ActivatedJob first = awaitJob(engine, "confirm");
    publish(engine, "order-placed", "o-1", Duration.ofMinutes(10));

    engine.controlledClock().advance(Duration.ofMinutes(10));
    complete(engine, first);

    assertEnded(engine, first.getProcessInstanceKey());
    assertNoJob(engine, "confirm");
  }

  @Test
  void aCancelledInstanceAlsoReleasesItsCorrelationKey() {
    engine.deploy(startedBy("order", "order-placed", "confirm"));
    publish(engine, "order-placed", "o-1", Duration.ZERO);
    ActivatedJob first = awaitJob(engine, "confirm");
    publish(engine, "order-placed", "o-1", Duration.ofHours(1), Map.of("seq", 2));

    engine.client().newCancelInstanceCommand(first.getProcessInstanceKey()).send().join();

    assertThat(awaitJob(engine, "confirm").getVariablesAsMap()).containsEntry("seq", 2);
  }

  @Test
  void aNewVersionReplacesTheStartSubscriptionOfTheOldOne() {
    engine.deploy(startedBy("order", "order-placed", "confirm-v1"));
    engine.deploy(startedBy("order", "order-created", "confirm-v2"));

    publish(engine, "order-placed", "o-1", Duration.ZERO);
    assertNoJob(engine, "confirm-v1");

    publish(engine, "order-created", "o-2", Duration.ZERO);
    ActivatedJob started = awaitJob(engine, "confirm-v2");
    assertThat(started.getProcessDefinitionVersion()).isEqualTo(2);
  }

  @Test
  void aNewVersionWithTheSameMessageStartsOnlyTheNewVersion() {
    engine.deploy(startedBy("order", "order-placed", "confirm-v1"));
    engine.deploy(startedBy("order", "order-placed", "confirm-v2"));

    publish(engine, "order-placed", "o-1", Duration.ZERO);

    assertThat(awaitJob(engine, "confirm-v2").getProcessDefinitionVersion()).isEqualTo(2);
    assertNoJob(engine, "confirm-v1");
  }

  @Test
  void aMessageStartsAnInstanceOfEveryProcessWithThatStartMessage() {
    engine.deploy(startedBy("confirmation", "order-placed", "confirm"));
    engine.deploy(startedBy("recommendations", "order-placed", "recommend"));

    publish(engine, "order-placed", "o-1", Duration.ZERO);

    awaitJob(engine, "confirm");
    awaitJob(engine, "recommend");
  }
}
