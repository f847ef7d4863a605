package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.create;
import static dev.journeys.engine.events.Events.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A message id makes publishing idempotent while a message with the same name, key and id is buffered. */
class MessageIdDedupTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private long publish(String name, String key, String id, Duration ttl, Map<String, Object> variables) {
    return engine.client().newPublishMessageCommand().messageName(name).correlationKey(key).messageId(id)
        .timeToLive(ttl).variables(variables).send().join().getMessageKey();
  }

  private long publish(String name, String key, String id, Duration ttl) {
    return publish(name, key, id, ttl, Map.of());
  }

  @Test
  void theSameNameKeyAndIdIsRejectedWhileTheFirstIsBuffered() {
    publish("shipped", "o-1", "evt-1", Duration.ofHours(1));

    String description = failsWith(Status.Code.ALREADY_EXISTS, () -> publish("shipped", "o-1", "evt-1", Duration.ofHours(1)));

    assertThat(description).contains("evt-1");
  }

  @Test
  void theRejectedDuplicateDoesNotCorrelate() {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("wait-shipped")
        .message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    publish("shipped", "o-1", "evt-1", Duration.ofHours(1), Map.of("attempt", 1));
    failsWith(Status.Code.ALREADY_EXISTS, () -> publish("shipped", "o-1", "evt-1", Duration.ofHours(1), Map.of("attempt", 2)));

    create(engine, "wait", Map.of("orderId", "o-1"));
    assertThat(awaitJob(engine, "after").getVariablesAsMap()).containsEntry("attempt", 1);
    create(engine, "wait", Map.of("orderId", "o-1"));

    assertNoJob(engine, "after"); // no second message was buffered
  }

  @Test
  void aDifferentIdKeyOrNameIsAccepted() {
    long first = publish("shipped", "o-1", "evt-1", Duration.ofHours(1));

    long otherId = publish("shipped", "o-1", "evt-2", Duration.ofHours(1));
    long otherKey = publish("shipped", "o-2", "evt-1", Duration.ofHours(1));
    long otherName = publish("delivered", "o-1", "evt-1", Duration.ofHours(1));

    assertThat(new long[] {first, otherId, otherKey, otherName}).doesNotHaveDuplicates();
  }

  @Test
  void theIdIsAcceptedAgainOnceTheFirstMessageExpired() {
    publish("shipped", "o-1", "evt-1", Duration.ofMinutes(10));
    engine.controlledClock().advance(Duration.ofMinutes(10).minusMillis(1));
    failsWith(Status.Code.ALREADY_EXISTS, () -> publish("shipped", "o-1", "evt-1", Duration.ofMinutes(10)));

    engine.controlledClock().advance(Duration.ofMillis(1));

    assertThat(publish("shipped", "o-1", "evt-1", Duration.ofMinutes(10))).isPositive();
  }

  @Test
  void aMessageWithoutTimeToLiveIsNotBufferedSoItsIdIsFreeAtOnce() {
    publish("shipped", "o-1", "evt-1", Duration.ZERO);

    assertThat(publish("shipped", "o-1", "evt-1", Duration.ZERO)).isPositive();
  }

  @Test
  void aBufferedMessageThatAlreadyCorrelatedStillBlocksItsId() {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("wait-shipped")
        .message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    create(engine, "wait", Map.of("orderId", "o-1"));
    publish("shipped", "o-1", "evt-1", Duration.ofHours(1));
    awaitJob(engine, "after");

    failsWith(Status.Code.ALREADY_EXISTS, () -> publish("shipped", "o-1", "evt-1", Duration.ofHours(1)));
  }

  @Test
  void messagesWithoutIdAreNeverDeduplicated() {
    long first = engine.client().newPublishMessageCommand().messageName("shipped").correlationKey("o-1")
        .timeToLive(Duration.ofHours(1)).send().join().getMessageKey();
    long second = engine.client().newPublishMessageCommand().messageName("shipped").correlationKey("o-1")
        .timeToLive(Duration.ofHours(1)).send().join().getMessageKey();

    assertThat(second).isNotEqualTo(first);
  }
}
