package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.response.SetVariablesResponse;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SetVariables: local to the given scope, or propagated to the nearest scope that has the variable. */
class SetVariablesTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @BeforeEach
  void deploy() {
    engine.deploy(Bpmn.createExecutableProcess("journey").startEvent()
        .serviceTask("first", t -> t.zeebeJobType("first").zeebeInputExpression("\"task-local\"", "note"))
        .serviceTask("second", t -> t.zeebeJobType("second"))
        .endEvent().done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void onTheProcessInstanceTheVariablesBecomeProcessVariables() {
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("journey", Map.of("status", "new"));
    ActivatedJob first = engine.activateOne("first");

    SetVariablesResponse response = engine.client().newSetVariablesCommand(first.getProcessInstanceKey())
        .variables(Map.of("status", "paid", "paidAt", "2026-01-01")).send().join();

    assertThat(response.getKey()).isPositive();
    engine.complete(first);
    ActivatedJob second = engine.activateOne("second");
    assertThat(second.getVariablesAsMap()).containsOnly(entry("status", "paid"), entry("paidAt", "2026-01-01"));
    engine.complete(second);
    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("status", "paid"), entry("paidAt", "2026-01-01"));
  }

  @Test
  void localVariablesStayOnTheElementAndVanishWithIt() {
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("journey", Map.of());
    ActivatedJob first = engine.activateOne("first");

    engine.client().newSetVariablesCommand(first.getElementInstanceKey())
        .variables(Map.of("attempt", 2)).local(true).send().join();

    engine.complete(first);
    ActivatedJob second = engine.activateOne("second");
    assertThat(second.getVariablesAsMap()).doesNotContainKey("attempt");
    engine.complete(second);
    assertThat(result.join().getVariablesAsMap()).doesNotContainKey("attempt");
  }

  @Test
  void propagatingVariablesOnAnElementGoToTheRootWhenNoScopeHasThem() {
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("journey", Map.of());
    ActivatedJob first = engine.activateOne("first");

    engine.client().newSetVariablesCommand(first.getElementInstanceKey())
        .variables(Map.of("attempt", 2)).local(false).send().join();

    engine.complete(first);
    ActivatedJob second = engine.activateOne("second");
    assertThat(second.getVariablesAsMap()).containsEntry("attempt", 2);
    engine.complete(second);
    assertThat(result.join().getVariablesAsMap()).containsEntry("attempt", 2);
  }

  @Test
  void propagatingVariablesUpdateTheNearestScopeThatHasThem() {
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("journey", Map.of("note", "root"));
    ActivatedJob first = engine.activateOne("first");
    assertThat(first.getVariablesAsMap()).containsEntry("note", "task-local");

    engine.client().newSetVariablesCommand(first.getElementInstanceKey())
        .variables(Map.of("note", "changed")).send().join();

    engine.complete(first);
    ActivatedJob second = engine.activateOne("second");
    assertThat(second.getVariablesAsMap()).containsOnly(entry("note", "root"));
    engine.complete(second);
    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("note", "root"));
  }

  @Test
  void aLocalVariableShadowsTheProcessVariableForTheElement() {
    engine.createInstance("journey", Map.of("channel", "email"));
    ActivatedJob first = engine.client().newActivateJobsCommand().jobType("first").maxJobsToActivate(1)
        .timeout(java.time.Duration.ofMillis(300)).requestTimeout(EngineHarness.WAIT).send().join().getJobs().get(0);

    engine.client().newSetVariablesCommand(first.getElementInstanceKey())
        .variables(Map.of("channel", "sms")).local(true).send().join();

    ActivatedJob again = engine.activateOne("first");
    assertThat(again.getKey()).isEqualTo(first.getKey());
    assertThat(again.getVariablesAsMap()).containsEntry("channel", "sms");
    engine.complete(again);
    assertThat(engine.activateOne("second").getVariablesAsMap()).containsEntry("channel", "email");
  }

  @Test
  void anUnknownElementInstanceIsNotFound() {
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.client().newSetVariablesCommand(2251799813685249L + 77_777)
        .variables(Map.of("a", 1)).send().join());
  }

  @Test
  void aDocumentThatIsNotAnObjectIsInvalid() {
    long instance = engine.createInstance("journey").getProcessInstanceKey();

    Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newSetVariablesCommand(instance)
        .variables("[\"not\", \"an\", \"object\"]").send().join());
  }
}
