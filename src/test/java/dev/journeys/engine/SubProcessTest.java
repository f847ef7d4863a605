package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Embedded subprocess: its own variable scope, completion when its inner flow is done. */
class SubProcessTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void theEmbeddedFlowRunsAndTheProcessContinuesAfterTheSubprocessCompletes() {
    engine.deploy(Bpmn.createExecutableProcess("with-sub").startEvent()
        .serviceTask("before", t -> t.zeebeJobType("before"))
        .subProcess("sub").embeddedSubProcess().startEvent()
        .serviceTask("inside", t -> t.zeebeJobType("inside"))
        .endEvent()
        .subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("with-sub", Map.of());

    engine.completeNext("before", Map.of());
    ActivatedJob inside = engine.activateOne("inside");
    long instance = inside.getProcessInstanceKey();
    assertThat(engine.activeElementIds(instance)).containsExactly("sub", "inside");
    engine.assertNoJob("after");
    engine.complete(inside, Map.of("packed", true));
    ActivatedJob after = engine.activateOne("after");
    assertThat(engine.activeElementIds(instance)).containsExactly("after");
    assertThat(after.getVariablesAsMap()).containsEntry("packed", true);
    engine.complete(after);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("packed", true));
  }

  @Test
  void subprocessInputsAreVisibleInsideButNotOutside() {
    engine.deploy(Bpmn.createExecutableProcess("sub-scope").startEvent()
        .subProcess("sub", s -> s.zeebeInputExpression("order.id", "orderId"))
        .embeddedSubProcess().startEvent()
        .serviceTask("inside", t -> t.zeebeJobType("inside"))
        .endEvent()
        .subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("sub-scope", Map.of("order", Map.of("id", "o-3")));

    ActivatedJob inside = engine.activateOne("inside");
    assertThat(inside.getVariablesAsMap())
        .containsEntry("orderId", "o-3")
        .containsEntry("order", Map.of("id", "o-3"));
    engine.complete(inside);
    ActivatedJob after = engine.activateOne("after");
    assertThat(after.getVariablesAsMap()).containsOnly(entry("order", Map.of("id", "o-3")));
    engine.complete(after);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("order", Map.of("id", "o-3")));
  }

  @Test
  void subprocessOutputsCarryChosenInnerVariablesOut() {
    engine.deploy(Bpmn.createExecutableProcess("sub-output").startEvent()
        .subProcess("sub", s -> s
            .zeebeInputExpression("null", "innerResult")
            .zeebeOutputExpression("innerResult * 2", "result"))
        .embeddedSubProcess().startEvent()
        .serviceTask("inside", t -> t.zeebeJobType("inside"))
        .endEvent()
        .subProcessDone()
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("sub-output", Map.of());

    engine.completeNext("inside", Map.of("innerResult", 21));

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("result", 42));
  }

  @Test
  void nestedSubprocessesCompleteInsideOut() {
    engine.deploy(Bpmn.createExecutableProcess("nested").startEvent()
        .subProcess("outer").embeddedSubProcess().startEvent()
        .subProcess("inner").embeddedSubProcess().startEvent()
        .serviceTask("deep", t -> t.zeebeJobType("deep"))
        .endEvent()
        .subProcessDone()
        .serviceTask("outer-task", t -> t.zeebeJobType("outer-task"))
        .endEvent()
        .subProcessDone()
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("nested", Map.of());

    ActivatedJob deep = engine.activateOne("deep");
    assertThat(engine.activeElementIds(deep.getProcessInstanceKey())).containsExactly("outer", "inner", "deep");
    engine.complete(deep, Map.of("level", 2));
    ActivatedJob outerTask = engine.activateOne("outer-task");
    assertThat(engine.activeElementIds(deep.getProcessInstanceKey())).containsExactly("outer", "outer-task");
    engine.complete(outerTask);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("level", 2));
  }

  @Test
  void aSubprocessCompletesOnlyWhenAllItsInnerBranchesHaveEnded() {
    engine.deploy(Bpmn.createExecutableProcess("sub-parallel").startEvent()
        .subProcess("sub").embeddedSubProcess().startEvent()
        .parallelGateway("fork")
        .serviceTask("email", t -> t.zeebeJobType("email")).endEvent()
        .moveToNode("fork")
        .serviceTask("sms", t -> t.zeebeJobType("sms")).endEvent()
        .subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent().done());
    engine.createInstance("sub-parallel");

    ActivatedJob email = engine.activateOne("email");
    engine.complete(email);
    engine.assertNoJob("after");
    assertThat(engine.activeElementIds(email.getProcessInstanceKey())).containsExactly("sub", "sms");
    engine.completeNext("sms", Map.of());
    engine.activateOne("after");
  }

  @Test
  void aTerminateEndEventInsideASubprocessEndsOnlyTheSubprocess() {
    engine.deploy(Bpmn.createExecutableProcess("sub-terminate").startEvent()
        .parallelGateway("outer-fork")
        .serviceTask("outside", t -> t.zeebeJobType("outside")).endEvent()
        .moveToNode("outer-fork")
        .subProcess("sub").embeddedSubProcess().startEvent()
        .parallelGateway("fork")
        .serviceTask("wait", t -> t.zeebeJobType("wait")).endEvent()
        .moveToNode("fork")
        .serviceTask("stop", t -> t.zeebeJobType("stop")).endEvent("terminate", e -> e.terminate())
        .subProcessDone()
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("sub-terminate", Map.of());

    ActivatedJob waiting = engine.activateOne("wait");
    ActivatedJob outside = engine.activateOne("outside");
    engine.completeNext("stop", Map.of());

    ActivatedJob after = engine.activateOne("after");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(waiting));
    assertThat(engine.activeElementIds(after.getProcessInstanceKey())).containsExactlyInAnyOrder("outside", "after");
    engine.complete(after);
    assertThat(result.isDone()).as("result while 'outside' is still active").isFalse();
    engine.complete(outside);
    result.join();
  }

  @Test
  void cancellingTheInstanceTerminatesTheSubprocessAndItsJobs() {
    engine.deploy(Bpmn.createExecutableProcess("sub-cancel").startEvent()
        .subProcess("sub").embeddedSubProcess().startEvent()
        .serviceTask("inside", t -> t.zeebeJobType("inside")).endEvent()
        .subProcessDone()
        .endEvent().done());
    long instance = engine.createInstance("sub-cancel").getProcessInstanceKey();
    ActivatedJob inside = engine.activateOne("inside");

    engine.client().newCancelInstanceCommand(instance).send().join();

    assertThat(engine.isActive(instance)).isFalse();
    assertThat(engine.activeElementIds(instance)).isEmpty();
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(inside));
  }

  @Test
  void aSubprocessWithNothingToWaitForCompletesAtOnce() {
    engine.deploy(Bpmn.createExecutableProcess("empty-sub").startEvent()
        .subProcess("sub", s -> s.zeebeOutputExpression("\"passed\"", "subprocess"))
        .embeddedSubProcess().startEvent().endEvent()
        .subProcessDone()
        .endEvent().done());

    assertThat(engine.createWithResult("empty-sub", Map.of()).join().getVariablesAsMap())
        .containsOnly(entry("subprocess", "passed"));
  }
}
