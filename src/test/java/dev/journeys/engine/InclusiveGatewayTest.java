package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Inclusive gateway as Zeebe 8.8 runs it: the fork takes every flow whose condition holds (else the
 * default flow, else a condition incident); the join waits for the branches that can still reach it,
 * and only those.
 */
class InclusiveGatewayTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  /** "email and/or SMS and/or push" by consent, then one summary once every chosen channel is done. */
  private static BpmnModelInstance channels() {
    return withDefault(Bpmn.createExecutableProcess("channels").startEvent()
        .inclusiveGateway("fork")
        .sequenceFlowId("to-email").conditionExpression("email")
        .serviceTask("email", t -> t.zeebeJobType("email"))
        .inclusiveGateway("join")
        .serviceTask("summary", t -> t.zeebeJobType("summary"))
        .endEvent()
        .moveToNode("fork")
        .sequenceFlowId("to-sms").conditionExpression("sms")
        .serviceTask("sms", t -> t.zeebeJobType("sms"))
        .connectTo("join")
        .moveToNode("fork")
        .sequenceFlowId("to-push").conditionExpression("push")
        .serviceTask("push", t -> t.zeebeJobType("push"))
        .connectTo("join")
        .moveToNode("fork")
        .sequenceFlowId("to-letter")
        .serviceTask("letter", t -> t.zeebeJobType("letter"))
        .connectTo("join")
        .done(), "fork", "to-letter");
  }

  /** The builder sets a default flow only on a gateway it can find from where it stands. */
  private static BpmnModelInstance withDefault(BpmnModelInstance model, String gatewayId, String flowId) {
    SequenceFlow flow = model.getModelElementById(flowId);
    if (model.getModelElementById(gatewayId) instanceof InclusiveGateway inclusive) {
      inclusive.setDefault(flow);
    } else {
      ((ExclusiveGateway) model.getModelElementById(gatewayId)).setDefault(flow);
    }
    return model;
  }

  private static Map<String, Object> consent(boolean email, boolean sms, boolean push) {
    return Map.of("email", email, "sms", sms, "push", push);
  }

  @Test
  void theForkTakesEveryFlowWhoseConditionHoldsAndNotTheDefault() {
    engine.deploy(channels());
    long instance = engine.createInstance("channels", consent(true, false, true)).getProcessInstanceKey();

    assertThat(engine.activateOne("email").getProcessInstanceKey()).isEqualTo(instance);
    assertThat(engine.activateOne("push").getProcessInstanceKey()).isEqualTo(instance);
    engine.assertNoJob("sms");
    engine.assertNoJob("letter");
    assertThat(engine.activeElementIds(instance)).containsExactlyInAnyOrder("email", "push");
  }

  @Test
  void theJoinWaitsForTheBranchesTakenAndThenContinuesOnce() {
    engine.deploy(channels());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("channels", consent(true, true, false));

    ActivatedJob email = engine.activateOne("email");
    engine.complete(email, Map.of("emailSent", true));
    engine.assertNoJob("summary");
    assertThat(engine.activeElementIds(email.getProcessInstanceKey())).containsExactly("sms");

    engine.completeNext("sms", Map.of("smsSent", true));
    ActivatedJob summary = engine.activateOne("summary");
    assertThat(summary.getVariablesAsMap()).containsEntry("emailSent", true).containsEntry("smsSent", true);
    engine.complete(summary);

    assertThat(result.join().getVariablesAsMap()).containsKeys("emailSent", "smsSent");
    engine.assertNoJob("summary");
  }

  @Test
  void withOneBranchTakenTheJoinContinuesAsSoonAsThatBranchArrives() {
    engine.deploy(channels());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("channels", consent(false, false, true));

    engine.completeNext("push", Map.of());
    engine.completeNext("summary", Map.of());

    result.join();
  }

  @Test
  void theDefaultFlowIsTakenWhenNoConditionHoldsAndTheJoinWaitsForItAlone() {
    engine.deploy(channels());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("channels", consent(false, false, false));

    engine.completeNext("letter", Map.of("letterSent", true));
    engine.completeNext("summary", Map.of());

    assertThat(result.join().getVariablesAsMap()).containsEntry("letterSent", true);
    engine.assertNoJob("email");
  }

  @Test
  void aBranchStraightFromForkToJoinWaitsForTheBranchStillRunning() {
    // the direct flow arrives at the join at once; the task can still reach it, so the join waits
    engine.deploy(Bpmn.createExecutableProcess("shortcut").startEvent()
        .inclusiveGateway("fork")
        .sequenceFlowId("direct").conditionExpression("true")
        .inclusiveGateway("join")
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent()
        .moveToNode("fork")
        .sequenceFlowId("via-task").conditionExpression("withTask")
        .serviceTask("task", t -> t.zeebeJobType("task"))
        .connectTo("join")
        .done());
    long waiting = engine.createInstance("shortcut", Map.of("withTask", true)).getProcessInstanceKey();
    long direct = engine.createInstance("shortcut", Map.of("withTask", false)).getProcessInstanceKey();

    ActivatedJob after = engine.activateOne("after");
    assertThat(after.getProcessInstanceKey()).as("the instance without the task").isEqualTo(direct);
    engine.complete(after);
    engine.assertNoJob("after");
    assertThat(engine.activeElementIds(waiting)).containsExactly("task");

    engine.completeNext("task", Map.of());
    assertThat(engine.activateOne("after").getProcessInstanceKey()).isEqualTo(waiting);
  }

  @Test
  void aBranchThatCanReachTheJoinOnlyThroughAnotherGatewayIsWaitedFor() {
    // task b may go to the join or end on its own: while it runs, the join cannot know
    engine.deploy(withDefault(Bpmn.createExecutableProcess("maybe").startEvent()
        .inclusiveGateway("fork")
        .conditionExpression("true")
        .serviceTask("a", t -> t.zeebeJobType("a"))
        .inclusiveGateway("join")
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent()
        .moveToNode("fork")
        .conditionExpression("true")
        .serviceTask("b", t -> t.zeebeJobType("b"))
        .exclusiveGateway("decide")
        .conditionExpression("rejoin")
        .connectTo("join")
        .moveToNode("decide")
        .sequenceFlowId("to-end")
        .endEvent("b-alone")
        .done(), "decide", "to-end"));
    long instance = engine.createInstance("maybe").getProcessInstanceKey();

    engine.completeNext("a", Map.of());
    engine.assertNoJob("after");
    engine.completeNext("b", Map.of("rejoin", true));

    assertThat(engine.activateOne("after").getProcessInstanceKey()).isEqualTo(instance);
  }

  @Test
  void aBoundaryEventOfAWaitingTaskThatLeadsToTheJoinIsAPathTheJoinWaitsFor() {
    // task a ends on its own; only its boundary event leads to the join
    engine.deploy(Bpmn.createExecutableProcess("via-boundary").startEvent()
        .inclusiveGateway("fork")
        .conditionExpression("true")
        .serviceTask("a", t -> t.zeebeJobType("a")).endEvent("a-done")
        .moveToActivity("a")
        .boundaryEvent("cancelled", b -> b.message(m -> m.name("cancelled").zeebeCorrelationKeyExpression("orderId")))
        .inclusiveGateway("join")
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent()
        .moveToNode("fork")
        .conditionExpression("true")
        .serviceTask("b", t -> t.zeebeJobType("b"))
        .connectTo("join")
        .done());
    long instance = engine.createInstance("via-boundary", Map.of("orderId", "o-9")).getProcessInstanceKey();

    engine.completeNext("b", Map.of());
    engine.assertNoJob("after");
    engine.client().newPublishMessageCommand().messageName("cancelled").correlationKey("o-9").send().join();

    assertThat(engine.activateOne("after").getProcessInstanceKey()).isEqualTo(instance);
    engine.assertNoJob("a");
  }

  /**
   * Zeebe 8.8 decides the join only when a token arrives at it: when the branch it waited for ends
   * elsewhere, nothing arrives any more and the waiting token stays, so the instance never completes
   * (camunda/camunda#19460, open for 8.8). The embedded engine does the same rather than guess.
   */
  @Test
  void aTokenWaitingForABranchThatThenEndsElsewhereKeepsWaitingAsInZeebe() {
    engine.deploy(withDefault(Bpmn.createExecutableProcess("stranded").startEvent()
        .inclusiveGateway("fork")
        .conditionExpression("true")
        .serviceTask("a", t -> t.zeebeJobType("a"))
        .inclusiveGateway("join")
        .serviceTask("after", t -> t.zeebeJobType("after"))
        .endEvent()
        .moveToNode("fork")
        .conditionExpression("true")
        .serviceTask("b", t -> t.zeebeJobType("b"))
        .exclusiveGateway("decide")
        .conditionExpression("rejoin")
        .connectTo("join")
        .moveToNode("decide")
        .sequenceFlowId("to-end")
        .endEvent("b-alone")
        .done(), "decide", "to-end"));
    long instance = engine.createInstance("stranded").getProcessInstanceKey();

    engine.completeNext("a", Map.of());
    engine.completeNext("b", Map.of("rejoin", false));

    engine.assertNoJob("after");
    assertThat(engine.isActive(instance)).isTrue();
    assertThat(engine.activeElementIds(instance)).isEmpty();
  }

  @Test
  void aGatewayThatForksAndJoinsJoinsFirstAndThenForks() {
    engine.deploy(Bpmn.createExecutableProcess("both").startEvent()
        .parallelGateway("split")
        .serviceTask("a", t -> t.zeebeJobType("a"))
        .inclusiveGateway("both-ways")
        .conditionExpression("left")
        .serviceTask("left", t -> t.zeebeJobType("left")).endEvent()
        .moveToNode("both-ways")
        .conditionExpression("right")
        .serviceTask("right", t -> t.zeebeJobType("right")).endEvent()
        .moveToNode("split")
        .serviceTask("b", t -> t.zeebeJobType("b"))
        .connectTo("both-ways")
        .done());
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("both", Map.of("left", true, "right", true));

    engine.completeNext("a", Map.of());
    engine.assertNoJob("left");
    engine.completeNext("b", Map.of());
    engine.completeNext("left", Map.of());
    engine.completeNext("right", Map.of());

    result.join();
    engine.assertNoJob("left");
  }

  @Test
  void joinsOfDifferentInstancesDoNotMix() {
    engine.deploy(channels());
    long first = engine.createInstance("channels", consent(true, true, false)).getProcessInstanceKey();
    long second = engine.createInstance("channels", consent(true, true, false)).getProcessInstanceKey();

    for (ActivatedJob email : engine.activate("email", 2, Duration.ofSeconds(5))) {
      if (email.getProcessInstanceKey() == first) {
        engine.complete(email);
      }
    }
    for (ActivatedJob sms : engine.activate("sms", 2, Duration.ofSeconds(5))) {
      if (sms.getProcessInstanceKey() == second) {
        engine.complete(sms);
      }
    }

    engine.assertNoJob("summary");
    assertThat(engine.activeElementIds(first)).containsExactly("sms");
    assertThat(engine.activeElementIds(second)).containsExactly("email");
  }

  @Test
  void noTrueConditionAndNoDefaultRaisesAConditionIncidentThatSetVariablesAndResolveFix() {
    engine.deploy(Bpmn.createExecutableProcess("no-default").startEvent()
        .inclusiveGateway("choose")
        .conditionExpression("email")
        .serviceTask("email", t -> t.zeebeJobType("email")).endEvent()
        .moveToLastInclusiveGateway()
        .conditionExpression("sms")
        .serviceTask("sms", t -> t.zeebeJobType("sms")).endEvent()
        .done());
    long instance = engine.createInstance("no-default", Map.of("email", false, "sms", false)).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.errorMessage())
        .isEqualTo("Expected at least one condition to evaluate to true, or to have a default flow");
    assertThat(incident.elementId()).isEqualTo("choose");
    assertThat(engine.activeElementIds(instance)).containsExactly("choose");

    engine.client().newSetVariablesCommand(instance).variables(Map.of("email", true, "sms", true)).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    engine.completeNext("email", Map.of());
    engine.completeNext("sms", Map.of());
    engine.awaitCompleted(instance);
  }

  @Test
  void aConditionThatIsNoBooleanIsAnExtractValueIncidentAndNoBranchStarts() {
    engine.deploy(Bpmn.createExecutableProcess("not-boolean").startEvent()
        .inclusiveGateway("choose")
        .conditionExpression("true")
        .serviceTask("email", t -> t.zeebeJobType("email")).endEvent()
        .moveToLastInclusiveGateway()
        .conditionExpression("channels")
        .serviceTask("sms", t -> t.zeebeJobType("sms")).endEvent()
        .done());
    long instance = engine.createInstance("not-boolean", Map.of("channels", "sms")).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage())
        .isEqualTo("Expected result of the expression 'channels' to be 'BOOLEAN', but was 'STRING'.");
    assertThat(incident.elementId()).isEqualTo("choose");
    engine.assertNoJob("email");
    engine.assertNoJob("sms");
  }

  @Test
  void aDefaultFlowWithAConditionIsDeployedAndItsConditionIgnoredAsInZeebe() {
    engine.deploy(Bpmn.createExecutableProcess("conditional-default").startEvent()
        .inclusiveGateway("choose")
        .conditionExpression("vip")
        .serviceTask("vip", t -> t.zeebeJobType("vip")).endEvent()
        .moveToLastInclusiveGateway()
        .sequenceFlowId("fallback-flow").conditionExpression("true").defaultFlow()
        .serviceTask("fallback", t -> t.zeebeJobType("fallback")).endEvent()
        .done());
    engine.createInstance("conditional-default", Map.of("vip", true));

    engine.activateOne("vip");
    engine.assertNoJob("fallback");
  }

  @Test
  void aFlowWithoutConditionBesideOthersIsRefusedWithZeebesWording() {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(
        Bpmn.createExecutableProcess("unconditional").startEvent()
            .inclusiveGateway("choose")
            .sequenceFlowId("always").endEvent()
            .moveToLastInclusiveGateway()
            .sequenceFlowId("sometimes").conditionExpression("vip").endEvent()
            .done()));

    assertThat(message).contains("- Element: always").contains("- ERROR: Must have a condition");
  }

  @Test
  void aSingleUnconditionalFlowIsSimplyTaken() {
    engine.deploy(Bpmn.createExecutableProcess("single").startEvent()
        .inclusiveGateway("pass")
        .serviceTask("next", t -> t.zeebeJobType("next")).endEvent()
        .done());
    long instance = engine.createInstance("single").getProcessInstanceKey();

    assertThat(engine.activateOne("next").getProcessInstanceKey()).isEqualTo(instance);
    assertThat(engine.incidents(instance)).isEmpty();
    assertThat(engine.activeElementIds(instance)).containsExactly("next");
  }
}
