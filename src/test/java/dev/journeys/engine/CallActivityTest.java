package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.CallActivityBuilder;
import io.grpc.Status;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Call activity: zeebe:calledElement (static or FEEL), variable propagation both ways, cancellation. */
class CallActivityTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  private static BpmnModelInstance child(String jobType) {
    return Bpmn.createExecutableProcess("payment").startEvent()
        .serviceTask("charge", t -> t.zeebeJobType(jobType))
        .endEvent().done();
  }

  private static BpmnModelInstance parent(Consumer<CallActivityBuilder> callActivity) {
    return Bpmn.createExecutableProcess("checkout").startEvent()
        .callActivity("pay", callActivity)
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent().done();
  }

  @Test
  void callsTheLatestVersionOfTheChildAndContinuesWhenTheChildCompletes() {
    engine.deploy(child("charge-v1"));
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessId("payment")));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("checkout", Map.of("orderId", "o-1"));

    ActivatedJob charge = engine.activateOne("charge");
    assertThat(charge.getBpmnProcessId()).isEqualTo("payment");
    assertThat(charge.getProcessDefinitionVersion()).isEqualTo(2);
    assertThat(charge.getElementId()).isEqualTo("charge");
    engine.assertNoJob("charge-v1");
    engine.assertNoJob("after");
    engine.complete(charge, Map.of("paymentId", "pay-1"));
    ActivatedJob after = engine.activateOne("after");
    assertThat(after.getProcessInstanceKey()).isNotEqualTo(charge.getProcessInstanceKey());
    assertThat(engine.isActive(charge.getProcessInstanceKey())).as("child instance active").isFalse();
    engine.complete(after);

    ProcessInstanceResult parentResult = result.join();
    assertThat(parentResult.getProcessInstanceKey()).isEqualTo(after.getProcessInstanceKey());
    assertThat(parentResult.getVariablesAsMap()).containsOnly(entry("orderId", "o-1"), entry("paymentId", "pay-1"));
  }

  @Test
  void theCalledProcessIdMayBeAFeelExpression() {
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessIdExpression("paymentProcess")));
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("checkout", Map.of("paymentProcess", "payment"));

    ActivatedJob charge = engine.activateOne("charge");
    assertThat(charge.getBpmnProcessId()).isEqualTo("payment");
    engine.complete(charge);
    engine.completeNext("after", Map.of());
    result.join();
  }

  @Test
  void byDefaultTheChildSeesAllParentVariablesAndTheParentReceivesAllChildVariables() {
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessId("payment").zeebeInputExpression("amount * 100", "cents")));
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("checkout", Map.of("orderId", "o-2", "amount", 12));

    ActivatedJob charge = engine.activateOne("charge");
    assertThat(charge.getVariablesAsMap()).containsOnly(entry("orderId", "o-2"), entry("amount", 12), entry("cents", 1200));
    engine.complete(charge, Map.of("paymentId", "pay-2"));
    engine.completeNext("after", Map.of());

    assertThat(result.join().getVariablesAsMap())
        .containsOnly(entry("orderId", "o-2"), entry("amount", 12), entry("paymentId", "pay-2"));
  }

  @Test
  void withoutPropagatingParentVariablesTheChildSeesOnlyTheInputMappings() {
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessId("payment")
        .zeebePropagateAllParentVariables(false)
        .zeebeInputExpression("amount", "total")));
    engine.createInstance("checkout", Map.of("orderId", "o-3", "amount", 7, "email", "x@example.com"));

    assertThat(engine.activateOne("charge").getVariablesAsMap()).containsOnly(entry("total", 7));
  }

  @Test
  void withoutPropagatingChildVariablesTheParentDoesNotReceiveThem() {
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessId("payment").zeebePropagateAllChildVariables(false)));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("checkout", Map.of("orderId", "o-4"));

    engine.completeNext("charge", Map.of("paymentId", "pay-4"));
    ActivatedJob after = engine.activateOne("after");
    assertThat(after.getVariablesAsMap()).containsOnly(entry("orderId", "o-4"));
    engine.complete(after);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("orderId", "o-4"));
  }

  @Test
  void withOutputMappingsOnlyTheMappedChildVariablesReachTheParent() {
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessId("payment").zeebeOutputExpression("paymentId", "payment")));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("checkout", Map.of("orderId", "o-5"));

    engine.completeNext("charge", Map.of("paymentId", "pay-5", "providerLog", "..."));
    engine.completeNext("after", Map.of());

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("orderId", "o-5"), entry("payment", "pay-5"));
  }

  @Test
  void cancellingTheParentTerminatesTheChildAndItsJobs() {
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessId("payment")));
    long parentInstance = engine.createInstance("checkout").getProcessInstanceKey();
    ActivatedJob charge = engine.activateOne("charge");
    long childInstance = charge.getProcessInstanceKey();
    assertThat(engine.isActive(childInstance)).isTrue();

    engine.client().newCancelInstanceCommand(parentInstance).send().join();

    assertThat(engine.isActive(parentInstance)).isFalse();
    assertThat(engine.isActive(childInstance)).as("child instance active").isFalse();
    assertThat(engine.activeElementIds(childInstance)).isEmpty();
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(charge));
    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newCancelInstanceCommand(childInstance).send().join());
  }

  @Test
  void cancellingTheChildDirectlyIsRefusedAndChangesNothing() {
    engine.deploy(child("charge"));
    engine.deploy(parent(c -> c.zeebeProcessId("payment")));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("checkout", Map.of());
    ActivatedJob charge = engine.activateOne("charge");

    String message = Rpc.failsWith(Status.Code.FAILED_PRECONDITION,
        () -> engine.client().newCancelInstanceCommand(charge.getProcessInstanceKey()).send().join());

    assertThat(message).contains(String.valueOf(charge.getProcessInstanceKey()));
    assertThat(engine.isActive(charge.getProcessInstanceKey())).isTrue();
    engine.complete(charge);
    engine.completeNext("after", Map.of());
    result.join();
  }

  @Test
  void aMissingCalledProcessRaisesAnIncidentThatResolvesOnceItIsDeployed() {
    engine.deploy(parent(c -> c.zeebeProcessId("payment")));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("checkout", Map.of("orderId", "o-6"));
    long parentInstance = engine.createInstance("checkout", Map.of("orderId", "o-7")).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(parentInstance);
    assertThat(incident.errorType()).isEqualTo("CALLED_ELEMENT_ERROR");
    assertThat(incident.elementId()).isEqualTo("pay");
    assertThat(incident.errorMessage()).contains("payment");
    assertThat(engine.activeElementIds(parentInstance)).containsExactly("pay");

    engine.deploy(child("charge"));
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob charge = engine.activateOne("charge");
    assertThat(charge.getVariablesAsMap()).containsEntry("orderId", "o-7");
    engine.complete(charge);
    engine.completeNext("after", Map.of());
    engine.awaitCompleted(parentInstance);
    assertThat(result.isDone()).as("the other instance, still in its incident").isFalse();
  }

  @Test
  void aChildWithNothingToWaitForCompletesAtOnceAndHandsBackItsVariables() {
    engine.deploy(Bpmn.createExecutableProcess("payment").startEvent()
        .endEvent("paid", e -> e.zeebeOutputExpression("\"instant\"", "mode"))
        .done());
    engine.deploy(Bpmn.createExecutableProcess("checkout").startEvent()
        .callActivity("pay", c -> c.zeebeProcessId("payment"))
        .endEvent().done());

    assertThat(engine.createWithResult("checkout", Map.of("orderId", "o-8")).join().getVariablesAsMap())
        .containsOnly(entry("orderId", "o-8"), entry("mode", "instant"));
  }
}
