package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Parallel gateway: fork to every outgoing flow, join waits for every incoming flow. */
class ParallelGatewayTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  /** fork → pack | invoice → join → ship. */
  private static BpmnModelInstance fulfilment() {
    return Bpmn.createExecutableProcess("fulfilment").startEvent()
        .parallelGateway("fork")
        .serviceTask("pack", t -> t.zeebeJobType("pack"))
        .parallelGateway("join")
        .serviceTask("ship", t -> t.zeebeJobType("ship"))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("invoice", t -> t.zeebeJobType("invoice"))
        .connectTo("join")
        .done();
  }

  @Test
  void aForkActivatesEveryOutgoingBranch() {
    engine.deploy(fulfilment());
    long instance = engine.createInstance("fulfilment").getProcessInstanceKey();

    ActivatedJob pack = engine.activateOne("pack");
    ActivatedJob invoice = engine.activateOne("invoice");

    assertThat(pack.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(invoice.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(engine.activeElementIds(instance)).containsExactlyInAnyOrder("pack", "invoice");
  }

  @Test
  void aJoinWaitsForEveryIncomingBranchAndThenContinuesOnce() {
    engine.deploy(fulfilment());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("fulfilment", Map.of());

    ActivatedJob pack = engine.activateOne("pack");
    engine.complete(pack, Map.of("parcelId", "p-1"));
    engine.assertNoJob("ship");
    assertThat(engine.activeElementIds(pack.getProcessInstanceKey())).containsExactly("invoice");

    engine.completeNext("invoice", Map.of("invoiceId", "i-1"));
    ActivatedJob ship = engine.activateOne("ship");
    assertThat(ship.getVariablesAsMap()).containsEntry("parcelId", "p-1").containsEntry("invoiceId", "i-1");
    engine.complete(ship);

    assertThat(result.join().getVariablesAsMap()).containsKeys("parcelId", "invoiceId");
    engine.assertNoJob("ship");
  }

  @Test
  void aThreeWayJoinWaitsForAllThree() {
    engine.deploy(Bpmn.createExecutableProcess("three").startEvent()
        .parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType("branch"))
        .parallelGateway("join")
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("b", t -> t.zeebeJobType("branch"))
        .connectTo("join")
        .moveToNode("fork")
        .serviceTask("c", t -> t.zeebeJobType("branch"))
        .connectTo("join")
        .done());
    engine.createInstance("three");

    List<ActivatedJob> branches = engine.activate("branch", 10, Duration.ofSeconds(5));
    assertThat(branches).extracting(ActivatedJob::getElementId).containsExactlyInAnyOrder("a", "b", "c");
    engine.complete(branches.get(0));
    engine.complete(branches.get(1));
    engine.assertNoJob("after");
    engine.complete(branches.get(2));
    engine.activateOne("after");
  }

  @Test
  void joinsOfDifferentInstancesDoNotMix() {
    engine.deploy(fulfilment());
    long first = engine.createInstance("fulfilment").getProcessInstanceKey();
    long second = engine.createInstance("fulfilment").getProcessInstanceKey();

    for (ActivatedJob pack : engine.activate("pack", 2, Duration.ofSeconds(5))) {
      if (pack.getProcessInstanceKey() == first) {
        engine.complete(pack);
      }
    }
    for (ActivatedJob invoice : engine.activate("invoice", 2, Duration.ofSeconds(5))) {
      if (invoice.getProcessInstanceKey() == second) {
        engine.complete(invoice);
      }
    }

    engine.assertNoJob("ship");
    assertThat(engine.activeElementIds(first)).containsExactly("invoice");
    assertThat(engine.activeElementIds(second)).containsExactly("pack");
  }

  @Test
  void branchesThatEndSeparatelyCompleteTheProcessWhenTheLastOneEnds() {
    engine.deploy(Bpmn.createExecutableProcess("no-join").startEvent()
        .parallelGateway("fork")
        .serviceTask("email", t -> t.zeebeJobType("email")).endEvent("email-sent")
        .moveToNode("fork")
        .serviceTask("sms", t -> t.zeebeJobType("sms")).endEvent("sms-sent")
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("no-join", Map.of());

    ActivatedJob email = engine.activateOne("email");
    engine.complete(email);
    assertThat(engine.isActive(email.getProcessInstanceKey())).isTrue();
    engine.completeNext("sms", Map.of("smsSent", true));

    assertThat(result.join().getVariablesAsMap()).containsEntry("smsSent", true);
  }

  @Test
  void branchesMergedByAnExclusiveGatewayRunTheNextTaskOncePerBranch() {
    engine.deploy(Bpmn.createExecutableProcess("no-sync").startEvent()
        .parallelGateway("fork")
        .serviceTask("a", t -> t.zeebeJobType("a"))
        .exclusiveGateway("merge")
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("b", t -> t.zeebeJobType("b"))
        .connectTo("merge")
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("no-sync", Map.of());

    engine.completeNext("a", Map.of());
    engine.completeNext("after", Map.of());
    assertThat(result.isDone()).as("result while 'b' is still active").isFalse();
    engine.completeNext("b", Map.of());
    engine.completeNext("after", Map.of());

    result.join();
  }
}
