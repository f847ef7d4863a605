package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
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

/** An event-based gateway waits for all its events; the first one wins and the others are closed. */
class EventBasedGatewayTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @BeforeEach
  void deploy() {
    engine.deploy(Bpmn.createExecutableProcess("race").startEvent()
        .eventBasedGateway("which-first")
        .intermediateCatchEvent("paid").message(m -> m.name("paid").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("paid-path", t -> t.zeebeJobType("paid-path")).endEvent()
        .moveToLastGateway()
        .intermediateCatchEvent("cancelled").message(m -> m.name("cancelled").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("cancelled-path", t -> t.zeebeJobType("cancelled-path")).endEvent()
        .moveToLastGateway()
        .intermediateCatchEvent("no-payment").timerWithDuration("PT1H")
        .serviceTask("timeout-path", t -> t.zeebeJobType("timeout-path")).endEvent()
        .done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aMessageBeforeTheTimerWinsAndTheTimerIsClosed() {
    long instance = create(engine, "race", Map.of("orderId", "o-1"));

    publish(engine, "paid", "o-1", Duration.ZERO, Map.of("amount", 10));

    ActivatedJob paid = awaitJob(engine, "paid-path");
    assertThat(paid.getVariablesAsMap()).containsEntry("amount", 10);
    engine.controlledClock().advance(Duration.ofHours(2));
    assertNoJob(engine, "timeout-path");
    complete(engine, paid);
    assertEnded(engine, instance);
  }

  @Test
  void theTimerBeforeAnyMessageWinsAndTheSubscriptionsAreClosed() {
    long instance = create(engine, "race", Map.of("orderId", "o-1"));
    engine.controlledClock().advance(Duration.ofHours(1).minusMillis(1));
    assertNoJob(engine, "timeout-path");

    engine.controlledClock().advance(Duration.ofMillis(1));
    ActivatedJob timeout = awaitJob(engine, "timeout-path");

    publish(engine, "paid", "o-1", Duration.ZERO);
    publish(engine, "cancelled", "o-1", Duration.ZERO);
    assertNoJob(engine, "paid-path");
    assertNoJob(engine, "cancelled-path");
    complete(engine, timeout);
    assertEnded(engine, instance);
  }

  @Test
  void oneMessageWinsOverTheOtherMessage() {
    create(engine, "race", Map.of("orderId", "o-1"));

    publish(engine, "cancelled", "o-1", Duration.ZERO);
    awaitJob(engine, "cancelled-path");
    publish(engine, "paid", "o-1", Duration.ZERO);

    assertNoJob(engine, "paid-path");
  }

  @Test
  void aBufferedMessageWinsAsSoonAsTheGatewayIsReached() {
    publish(engine, "paid", "o-1", Duration.ofHours(1));

    create(engine, "race", Map.of("orderId", "o-1"));

    awaitJob(engine, "paid-path");
    engine.controlledClock().advance(Duration.ofHours(2));
    assertNoJob(engine, "timeout-path");
    assertNoJob(engine, "cancelled-path");
  }
}
