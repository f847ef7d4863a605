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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Zeebe's message buffering: a message with a time-to-live waits for a subscription, oldest first, until it expires. */
class MessageBufferingTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @BeforeEach
  void deploy() {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("wait-shipped")
        .message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aBufferedMessageCorrelatesToASubscriptionOpenedLater() {
    publish(engine, "shipped", "o-1", Duration.ofHours(1), Map.of("carrier", "DHL"));

    long instance = create(engine, "wait", Map.of("orderId", "o-1"));

    ActivatedJob after = awaitJob(engine, "after");
    assertThat(after.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(after.getVariablesAsMap()).containsEntry("carrier", "DHL");
  }

  @Test
  void aNewSubscriptionTakesTheOldestBufferedMessageAndEachMessageOnlyOnce() {
    publish(engine, "shipped", "o-1", Duration.ofHours(1), Map.of("seq", 1));
    engine.controlledClock().advance(Duration.ofSeconds(1));
    publish(engine, "shipped", "o-1", Duration.ofHours(1), Map.of("seq", 2));

    long first = create(engine, "wait", Map.of("orderId", "o-1"));
    ActivatedJob firstJob = awaitJob(engine, "after");
    long second = create(engine, "wait", Map.of("orderId", "o-1"));
    ActivatedJob secondJob = awaitJob(engine, "after");
    long third = create(engine, "wait", Map.of("orderId", "o-1"));

    assertThat(firstJob.getProcessInstanceKey()).isEqualTo(first);
    assertThat(firstJob.getVariablesAsMap()).containsEntry("seq", 1);
    assertThat(secondJob.getProcessInstanceKey()).isEqualTo(second);
    assertThat(secondJob.getVariablesAsMap()).containsEntry("seq", 2);
    assertNoJob(engine, "after"); // both messages already correlated to this process
    assertActive(engine, third);
  }

  @Test
  void aBufferedMessageWithAnotherKeyIsNotTaken() {
    publish(engine, "shipped", "o-2", Duration.ofHours(1));

    long instance = create(engine, "wait", Map.of("orderId", "o-1"));

    assertNoJob(engine, "after");
    assertActive(engine, instance);
  }

  @Test
  void aMessageWithZeroTimeToLiveIsNotBuffered() {
    publish(engine, "shipped", "o-1", Duration.ZERO, Map.of("carrier", "DHL"));

    long instance = create(engine, "wait", Map.of("orderId", "o-1"));

    assertNoJob(engine, "after");
    assertActive(engine, instance);
  }

  @Test
  void aBufferedMessageStillCorrelatesOneMillisecondBeforeItExpires() {
    publish(engine, "shipped", "o-1", Duration.ofMinutes(10));
    engine.controlledClock().advance(Duration.ofMinutes(10).minusMillis(1));

    create(engine, "wait", Map.of("orderId", "o-1"));

    awaitJob(engine, "after");
  }

  @Test
  void aMessageExpiresAfterItsTimeToLive() {
    publish(engine, "shipped", "o-1", Duration.ofMinutes(10));
    engine.controlledClock().advance(Duration.ofMinutes(10));

    long instance = create(engine, "wait", Map.of("orderId", "o-1"));

    assertNoJob(engine, "after");
    assertActive(engine, instance);
  }

  @Test
  void anExpiredMessageIsSkippedAndTheNextLiveOneIsTaken() {
    publish(engine, "shipped", "o-1", Duration.ofMinutes(10), Map.of("seq", 1));
    publish(engine, "shipped", "o-1", Duration.ofHours(1), Map.of("seq", 2));
    engine.controlledClock().advance(Duration.ofMinutes(30));

    create(engine, "wait", Map.of("orderId", "o-1"));

    assertThat(awaitJob(engine, "after").getVariablesAsMap()).containsEntry("seq", 2);
  }

  @Test
  void aMessageThatCorrelatedOnPublishIsStillBufferedForOtherProcesses() {
    engine.deploy(Bpmn.createExecutableProcess("other").startEvent()
        .intermediateCatchEvent("other-wait")
        .message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("other-after", t -> t.zeebeJobType("other-after")).endEvent().done());
    create(engine, "wait", Map.of("orderId", "o-1"));

    publish(engine, "shipped", "o-1", Duration.ofHours(1), Map.of("carrier", "DHL"));
    awaitJob(engine, "after");
    create(engine, "other", Map.of("orderId", "o-1"));

    assertThat(awaitJob(engine, "other-after").getVariablesAsMap()).containsEntry("carrier", "DHL");
  }
}
