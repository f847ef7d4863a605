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

/** None start event, none end event and terminate end event. */
class StartAndEndEventTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aProcessFromNoneStartToNoneEndCompletesAtOnceKeepingItsVariables() {
    engine.deploy(Bpmn.createExecutableProcess("empty").startEvent("start").endEvent("end").done());

    ProcessInstanceResult result = engine.createWithResult("empty", Map.of("orderId", "o-1")).join();

    assertThat(result.getBpmnProcessId()).isEqualTo("empty");
    assertThat(result.getVariablesAsMap()).containsExactly(entry("orderId", "o-1"));
    assertThat(engine.isActive(result.getProcessInstanceKey())).isFalse();
  }

  @Test
  void aProcessCompletesOnlyWhenEveryTokenHasReachedAnEndEvent() {
    engine.deploy(Bpmn.createExecutableProcess("two-ends").startEvent()
        .parallelGateway("fork")
        .endEvent("quick-end")
        .moveToLastGateway()
        .serviceTask("slow", t -> t.zeebeJobType("slow"))
        .endEvent("slow-end")
        .done());

    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("two-ends", Map.of());
    ActivatedJob slow = engine.activateOne("slow");

    assertThat(engine.isActive(slow.getProcessInstanceKey())).as("active after one of two ends").isTrue();
    assertThat(result.isDone()).as("result answered").isFalse();
    engine.complete(slow, Map.of("done", true));
    assertThat(result.join().getVariablesAsMap()).containsEntry("done", true);
  }

  @Test
  void aTerminateEndEventEndsTheOtherBranchesAndCompletesTheProcess() {
    engine.deploy(Bpmn.createExecutableProcess("cancellable").startEvent()
        .parallelGateway("fork")
        .serviceTask("wait-for-delivery", t -> t.zeebeJobType("wait-for-delivery"))
        .endEvent("delivered")
        .moveToLastGateway()
        .serviceTask("check-cancellation", t -> t.zeebeJobType("check-cancellation"))
        .endEvent("cancelled", e -> e.terminate())
        .done());

    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("cancellable", Map.of("orderId", "o-2"));
    ActivatedJob waiting = engine.activateOne("wait-for-delivery");
    engine.completeNext("check-cancellation", Map.of("cancelled", true));

    assertThat(result.join().getVariablesAsMap())
        .containsEntry("orderId", "o-2")
        .containsEntry("cancelled", true);
    assertThat(engine.isActive(waiting.getProcessInstanceKey())).isFalse();
    String message = Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(waiting));
    assertThat(message).contains(String.valueOf(waiting.getKey()));
  }

  /**
   * The fork takes its flows in Zeebe's order, the flow defined last first: the terminate end event
   * is reached before the other branch's task starts, and that task must then never start.
   */
  @Test
  void aTerminateEndEventReachedBeforeASiblingBranchStartsEndsTheInstanceAndTheSiblingNeverStarts() {
    engine.deploy(Bpmn.createExecutableProcess("terminate-first").startEvent()
        .parallelGateway("fork")
        .serviceTask("never", t -> t.zeebeJobType("never")).endEvent()
        .moveToLastGateway()
        .endEvent("stop", e -> e.terminate())
        .done());

    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("terminate-first", Map.of());

    assertThat(result.join().getProcessInstanceKey()).isPositive();
    engine.assertNoJob("never");
  }

  @Test
  void aTerminateEndEventAlsoDiscardsTokensWaitingAtAJoin() {
    engine.deploy(Bpmn.createExecutableProcess("terminate-join").startEvent()
        .parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType("a"))
        .parallelGateway("join")
        .serviceTask("after-join", t -> t.zeebeJobType("after-join"))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("b", t -> t.zeebeJobType("b"))
        .connectTo("join")
        .moveToNode("fork")
        .serviceTask("stop", t -> t.zeebeJobType("stop"))
        .endEvent("terminate", e -> e.terminate())
        .done());

    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("terminate-join", Map.of());
    engine.completeNext("a", Map.of());
    ActivatedJob b = engine.activateOne("b");
    engine.completeNext("stop", Map.of());

    assertThat(result.join().getProcessInstanceKey()).isEqualTo(b.getProcessInstanceKey());
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(b));
    engine.assertNoJob("after-join");
  }

  @Test
  void aTerminateEndEventOnTheOnlyPathSimplyCompletesTheProcess() {
    engine.deploy(Bpmn.createExecutableProcess("terminate-only").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .endEvent("terminate", e -> e.terminate())
        .done());

    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("terminate-only", Map.of());
    engine.completeNext("work", Map.of("result", "ok"));

    assertThat(result.join().getVariablesAsMap()).containsExactly(entry("result", "ok"));
  }

  @Test
  void aTaskWithoutOutgoingFlowEndsItsTokenLikeAnEndEvent() {
    engine.deploy(Bpmn.createExecutableProcess("implicit-end").startEvent()
        .serviceTask("last", t -> t.zeebeJobType("last"))
        .done());

    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("implicit-end", Map.of());
    engine.completeNext("last", Map.of("finished", true));

    assertThat(result.join().getVariablesAsMap()).containsExactly(entry("finished", true));
  }

  @Test
  void aStartEventWithTwoOutgoingFlowsForksWithoutAGateway() {
    engine.deploy(Bpmn.createExecutableProcess("implicit-fork").startEvent("start")
        .serviceTask("email", t -> t.zeebeJobType("email")).endEvent()
        .moveToNode("start")
        .serviceTask("sms", t -> t.zeebeJobType("sms")).endEvent()
        .done());

    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("implicit-fork", Map.of());
    engine.completeNext("email", Map.of("email", true));
    assertThat(result.isDone()).as("result while 'sms' is still active").isFalse();
    engine.completeNext("sms", Map.of("sms", true));

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("email", true), entry("sms", true));
  }
}
