package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.assertActive;
import static dev.journeys.engine.events.Events.assertEnded;
import static dev.journeys.engine.events.Events.assertNoJob;
import static dev.journeys.engine.events.Events.awaitJob;
import static dev.journeys.engine.events.Events.complete;
import static dev.journeys.engine.events.Events.create;
import static dev.journeys.engine.events.Events.createWithResult;
import static dev.journeys.engine.events.Events.publish;
import static dev.journeys.engine.events.Events.setVariables;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Message catch events and receive tasks: name and correlation key, and where message variables land. */
class MessageCorrelationTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  private void deployCatch(String processId, String correlationKeyExpression) {
    engine.deploy(Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("wait-shipped")
        .message(m -> m.name("shipped").zeebeCorrelationKeyExpression(correlationKeyExpression))
        .serviceTask("after", t -> t.zeebeJobType("after-" + processId)).endEvent().done());
  }

  @Test
  void catchEventCorrelatesTheMessageWithItsNameAndKeyAndPassesItsVariables() {
    deployCatch("wait", "orderId");
    long instance = create(engine, "wait", Map.of("orderId", "o-1"));

    publish(engine, "shipped", "o-1", Duration.ZERO, Map.of("carrier", "DHL"));

    ActivatedJob after = awaitJob(engine, "after-wait");
    assertThat(after.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(after.getVariablesAsMap()).containsEntry("carrier", "DHL").containsEntry("orderId", "o-1");
  }

  @Test
  void aMessageWithAnotherKeyOrAnotherNameDoesNotCorrelate() {
    deployCatch("wait", "orderId");
    long instance = create(engine, "wait", Map.of("orderId", "o-1"));

    publish(engine, "shipped", "o-2", Duration.ZERO);
    publish(engine, "delivered", "o-1", Duration.ZERO);

    assertNoJob(engine, "after-wait");
    assertActive(engine, instance);
  }

  @Test
  void eachInstanceGetsOnlyTheMessageWithItsOwnKey() {
    deployCatch("wait", "orderId");
    long first = create(engine, "wait", Map.of("orderId", "o-1"));
    long second = create(engine, "wait", Map.of("orderId", "o-2"));

    publish(engine, "shipped", "o-2", Duration.ZERO, Map.of("carrier", "UPS"));

    ActivatedJob job = awaitJob(engine, "after-wait");
    assertThat(job.getProcessInstanceKey()).isEqualTo(second);
    assertThat(job.getVariablesAsMap()).containsEntry("carrier", "UPS");
    assertNoJob(engine, "after-wait");
    assertActive(engine, first);
  }

  @Test
  void receiveTaskWaitsForItsMessage() {
    engine.deploy(Bpmn.createExecutableProcess("receive").startEvent()
        .receiveTask("await-payment").message(m -> m.name("paid").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("ship", t -> t.zeebeJobType("ship")).endEvent().done());
    create(engine, "receive", Map.of("orderId", "o-7"));
    assertNoJob(engine, "ship");

    publish(engine, "paid", "o-7", Duration.ZERO, Map.of("amount", 42));

    assertThat(awaitJob(engine, "ship").getVariablesAsMap()).containsEntry("amount", 42);
  }

  @Test
  void messageVariablesReachTheProcessScopeEvenFromInsideASubprocess() {
    engine.deploy(Bpmn.createExecutableProcess("scoped").startEvent()
        .subProcess("sub", s -> s.embeddedSubProcess().startEvent()
            .intermediateCatchEvent("wait-shipped")
            .message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
            .endEvent())
        .endEvent().done());
    var result = createWithResult(engine, "scoped", Map.of("orderId", "o-1"));

    // buffered, because the create request above may still be on its way when this message arrives
    publish(engine, "shipped", "o-1", Duration.ofHours(1), Map.of("carrier", "DHL", "trackingId", "T-1"));

    ProcessInstanceResult completed = result.join();
    // the subprocess's own scope is gone; only process-scope variables are in the result
    assertThat(completed.getVariablesAsMap()).containsEntry("carrier", "DHL").containsEntry("trackingId", "T-1");
  }

  @Test
  void aNumericCorrelationKeyMatchesItsDecimalText() {
    deployCatch("numeric", "orderNumber");
    create(engine, "numeric", Map.of("orderNumber", 4711));

    publish(engine, "shipped", "4711", Duration.ZERO, Map.of("n", 1));

    assertThat(awaitJob(engine, "after-numeric").getVariablesAsMap()).containsEntry("n", 1);
  }

  @Test
  void aCorrelationKeyComputedByFeelIsUsed() {
    deployCatch("computed", "=\"order-\" + string(orderNumber * 2)");
    create(engine, "computed", Map.of("orderNumber", 21));

    publish(engine, "shipped", "order-21", Duration.ZERO); // the raw number: no match
    assertNoJob(engine, "after-computed");
    publish(engine, "shipped", "order-42", Duration.ZERO);

    awaitJob(engine, "after-computed");
  }

  @Test
  void aFeelNumberResultIsUsedAsKey() {
    deployCatch("sum", "=base + 1");
    create(engine, "sum", Map.of("base", 99));

    publish(engine, "shipped", "100", Duration.ZERO);

    awaitJob(engine, "after-sum");
  }

  @Test
  void aMessageNameFromFeelIsEvaluatedWhenTheSubscriptionOpens() {
    engine.deploy(Bpmn.createExecutableProcess("named").startEvent()
        .intermediateCatchEvent("wait-regional")
        .message(m -> m.name("=\"shipped-\" + region").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after", t -> t.zeebeJobType("after-named")).endEvent().done());
    create(engine, "named", Map.of("orderId", "o-1", "region", "eu"));

    publish(engine, "shipped-us", "o-1", Duration.ZERO);
    assertNoJob(engine, "after-named");
    publish(engine, "shipped-eu", "o-1", Duration.ZERO);

    awaitJob(engine, "after-named");
  }

  @Test
  void theCorrelationKeyIsEvaluatedWhenTheSubscriptionOpensNotWhenTheMessageArrives() {
    deployCatch("frozen", "orderId");
    long instance = create(engine, "frozen", Map.of("orderId", "o-1"));

    setVariables(engine, instance, Map.of("orderId", "o-changed"));
    publish(engine, "shipped", "o-changed", Duration.ZERO);
    assertNoJob(engine, "after-frozen");
    publish(engine, "shipped", "o-1", Duration.ZERO);

    awaitJob(engine, "after-frozen");
  }

  @Test
  void aCorrelatedInstanceRunsToItsEnd() {
    deployCatch("finish", "orderId");
    long instance = create(engine, "finish", Map.of("orderId", "o-1"));

    publish(engine, "shipped", "o-1", Duration.ZERO);
    complete(engine, awaitJob(engine, "after-finish"));

    assertEnded(engine, instance);
  }
}
