package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Escalations as Zeebe 8.8 runs them: thrown by end and intermediate throw events (a static code or
 * FEEL), caught outwards by event subprocesses and by boundary events of sub-processes and call
 * activities, interrupting or not, by code or by a catch-all; an escalation nothing catches is no
 * incident.
 */
class EscalationTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  /** A delivery sub-process that escalates a late parcel; what catches it is up to the test. */
  private static BpmnModelInstance delivery(boolean interrupting, String catchCode) {
    return Bpmn.createExecutableProcess("delivery").startEvent()
        .subProcess("deliver", s -> s.embeddedSubProcess().startEvent()
            .parallelGateway("fork")
            .serviceTask("track", t -> t.zeebeJobType("track")).endEvent()
            .moveToNode("fork")
            .serviceTask("check", t -> t.zeebeJobType("check"))
            .intermediateThrowEvent("late", e -> e.escalation("LATE"))
            .serviceTask("after-late", t -> t.zeebeJobType("after-late")).endEvent())
        .serviceTask("delivered", t -> t.zeebeJobType("delivered")).endEvent()
        .moveToActivity("deliver")
        .boundaryEvent("on-late", b -> {
          b.cancelActivity(interrupting);
          if (catchCode == null) {
            b.escalation();
          } else {
            b.escalation(catchCode);
          }
        })
        .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent()
        .done();
  }

  @Test
  void anInterruptingBoundaryEventCatchesTheEscalationAndEndsTheSubprocess() {
    engine.deploy(delivery(true, "LATE"));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("delivery", Map.of("orderId", "o-1"));
    ActivatedJob track = engine.activateOne("track");

    engine.completeNext("check", Map.of());

    ActivatedJob apologise = engine.activateOne("apologise");
    assertThat(apologise.getVariablesAsMap()).containsEntry("orderId", "o-1");
    assertThat(engine.activeElementIds(apologise.getProcessInstanceKey())).containsExactly("apologise");
    engine.assertNoJob("after-late");
    engine.complete(apologise);
    result.join();
    engine.assertNoJob("delivered");
    assertThat(engine.isActive(track.getKey())).as("the sub-process's other task").isFalse();
  }

  @Test
  void aNonInterruptingBoundaryEventRunsBesideTheThrowerWhichGoesOn() {
    engine.deploy(delivery(false, "LATE"));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("delivery", Map.of());

    engine.completeNext("check", Map.of());

    engine.completeNext("apologise", Map.of());
    engine.completeNext("after-late", Map.of());
    engine.completeNext("track", Map.of());
    engine.completeNext("delivered", Map.of());
    result.join();
  }

  @Test
  void aCatchAllBoundaryEventCatchesAnyCode() {
    engine.deploy(delivery(true, null));
    long instance = engine.createInstance("delivery").getProcessInstanceKey();

    engine.completeNext("check", Map.of());

    assertThat(engine.activateOne("apologise").getProcessInstanceKey()).isEqualTo(instance);
    engine.assertNoJob("after-late");
  }

  @Test
  void aBoundaryEventForAnotherCodeDoesNotCatchAndTheUncaughtEscalationIsNoIncident() {
    engine.deploy(delivery(true, "LOST"));
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("delivery", Map.of());

    ActivatedJob check = engine.completeNext("check", Map.of());

    engine.completeNext("after-late", Map.of());
    assertThat(engine.incidents(check.getProcessInstanceKey())).isEmpty();
    engine.assertNoJob("apologise");
    engine.completeNext("track", Map.of());
    engine.completeNext("delivered", Map.of());
    result.join();
  }

  @Test
  void anUncaughtEscalationEndEventEndsItsPathWithoutIncident() {
    engine.deploy(Bpmn.createExecutableProcess("nobody-listens").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work"))
        .endEvent("escalate", e -> e.escalation("UNHEARD"))
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("nobody-listens", Map.of());

    ActivatedJob work = engine.completeNext("work", Map.of("done", true));

    assertThat(result.join().getVariablesAsMap()).containsEntry("done", true);
    assertThat(engine.incidents(work.getProcessInstanceKey())).isEmpty();
  }

  @Test
  void theCodeCanBeAFeelExpressionEvaluatedWhenThrown() {
    engine.deploy(Bpmn.createExecutableProcess("by-reason").startEvent()
        .subProcess("deliver", s -> s.embeddedSubProcess().startEvent()
            .serviceTask("check", t -> t.zeebeJobType("check"))
            .endEvent("escalate", e -> e.escalationExpression("\"DELAY_\" + reason")))
        .endEvent()
        .moveToActivity("deliver")
        .boundaryEvent("on-weather", b -> b.escalation("DELAY_WEATHER"))
        .serviceTask("weather", t -> t.zeebeJobType("weather")).endEvent()
        .moveToActivity("deliver")
        .boundaryEvent("on-strike", b -> b.escalation("DELAY_STRIKE"))
        .serviceTask("strike", t -> t.zeebeJobType("strike")).endEvent()
        .done());
    engine.createInstance("by-reason");

    engine.completeNext("check", Map.of("reason", "STRIKE"));

    engine.activateOne("strike");
    engine.assertNoJob("weather");
  }

  @Test
  void aCodeThatIsNoStringIsAnExtractValueIncidentThatSetVariablesAndResolveFix() {
    engine.deploy(Bpmn.createExecutableProcess("numeric-code").startEvent()
        .subProcess("deliver", s -> s.embeddedSubProcess().startEvent()
            .intermediateThrowEvent("escalate", e -> e.escalationExpression("reason"))
            .endEvent())
        .endEvent()
        .moveToActivity("deliver")
        .boundaryEvent("on-late", b -> b.escalation("LATE"))
        .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent()
        .done());
    long instance = engine.createInstance("numeric-code", Map.of("reason", 42)).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).isEqualTo("Expected result of the expression 'reason' to be 'STRING', but was 'NUMBER'.");
    assertThat(incident.elementId()).isEqualTo("escalate");

    engine.client().newSetVariablesCommand(instance).variables(Map.of("reason", "LATE")).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    assertThat(engine.activateOne("apologise").getProcessInstanceKey()).isEqualTo(instance);
  }

  @Test
  void anInterruptingEventSubprocessCatchesAnEscalationOfItsScopeAndEndsTheRest() {
    engine.deploy(Bpmn.createExecutableProcess("esp")
        .eventSubProcess("on-late", sub -> sub.startEvent("caught", s -> s.escalation("LATE"))
            .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent())
        .startEvent()
        .parallelGateway("fork")
        .serviceTask("track", t -> t.zeebeJobType("track")).endEvent()
        .moveToNode("fork")
        .intermediateThrowEvent("late", e -> e.escalation("LATE"))
        .serviceTask("after-late", t -> t.zeebeJobType("after-late")).endEvent()
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("esp", Map.of());

    ActivatedJob apologise = engine.activateOne("apologise");
    assertThat(engine.activeElementIds(apologise.getProcessInstanceKey())).containsExactly("on-late", "apologise");
    engine.complete(apologise);
    result.join();
    engine.assertNoJob("track");
    engine.assertNoJob("after-late");
  }

  @Test
  void aNonInterruptingEventSubprocessRunsBesideTheThrowerWhichGoesOn() {
    engine.deploy(Bpmn.createExecutableProcess("esp-beside")
        .eventSubProcess("on-late", sub -> sub.startEvent("caught", s -> s.escalation("LATE").interrupting(false))
            .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent())
        .startEvent()
        .intermediateThrowEvent("late", e -> e.escalation("LATE"))
        .serviceTask("after-late", t -> t.zeebeJobType("after-late")).endEvent()
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("esp-beside", Map.of());

    engine.completeNext("apologise", Map.of());
    engine.completeNext("after-late", Map.of());
    result.join();
  }

  @Test
  void theNearestScopeCatchesFirstAndThereAnEventSubprocessBeforeABoundaryEventAndACodeBeforeACatchAll() {
    // inside 'inner': an event subprocess for LATE, a catch-all boundary on it, and one for LATE
    var model = Bpmn.createExecutableProcess("nearest").startEvent()
        .subProcess("outer", o -> o.embeddedSubProcess().startEvent()
            .subProcess("inner", i -> i.embeddedSubProcess()
                .eventSubProcess("inner-esp", sub -> sub
                    .startEvent("inner-esp-start", s -> s.escalation("LATE").interrupting(false))
                    .serviceTask("esp-handler", t -> t.zeebeJobType("esp-handler")).endEvent())
                .startEvent().endEvent("escalate", e -> e.escalation("LATE")))
            .boundaryEvent("inner-any", b -> b.escalation().cancelActivity(false))
            .serviceTask("catch-all-handler", t -> t.zeebeJobType("catch-all-handler")).endEvent()
            .moveToActivity("inner")
            .boundaryEvent("inner-late", b -> b.escalation("LATE").cancelActivity(false))
            .serviceTask("boundary-handler", t -> t.zeebeJobType("boundary-handler")).endEvent()
            .moveToActivity("inner")
            .endEvent())
        .endEvent()
        .moveToActivity("outer")
        .boundaryEvent("outer-late", b -> b.escalation("LATE"))
        .serviceTask("outer-handler", t -> t.zeebeJobType("outer-handler")).endEvent()
        .done();
    engine.deploy(model);
    long instance = engine.createInstance("nearest").getProcessInstanceKey();

    assertThat(engine.activateOne("esp-handler").getProcessInstanceKey()).isEqualTo(instance);
    engine.assertNoJob("boundary-handler");
    engine.assertNoJob("catch-all-handler");
    engine.assertNoJob("outer-handler");
  }

  @Test
  void aCallActivitysBoundaryEventCatchesAnEscalationOfTheCalledProcess() {
    engine.deploy(Bpmn.createExecutableProcess("courier").startEvent()
        .parallelGateway("fork")
        .serviceTask("drive", t -> t.zeebeJobType("drive")).endEvent()
        .moveToNode("fork")
        .endEvent("too-late", e -> e.escalation("LATE"))
        .done());
    engine.deploy(Bpmn.createExecutableProcess("shop").startEvent()
        .callActivity("ship", c -> c.zeebeProcessId("courier"))
        .serviceTask("shipped", t -> t.zeebeJobType("shipped")).endEvent()
        .moveToActivity("ship")
        .boundaryEvent("on-late", b -> b.escalation("LATE"))
        .serviceTask("apologise", t -> t.zeebeJobType("apologise")).endEvent()
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("shop", Map.of());

    ActivatedJob apologise = engine.activateOne("apologise");
    engine.complete(apologise);
    result.join();
    engine.assertNoJob("drive");
    engine.assertNoJob("shipped");
  }

  @Test
  void theThrowEventsOutputMappingsApplyWhenItGoesOn() {
    engine.deploy(Bpmn.createExecutableProcess("mapped").startEvent()
        .intermediateThrowEvent("late", e -> e.escalation("LATE").zeebeOutputExpression("true", "escalated"))
        .endEvent()
        .done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("mapped", Map.of());

    assertThat(result.join().getVariablesAsMap()).containsEntry("escalated", true);
  }

  @Test
  void anEscalationBoundaryEventOnATaskIsRefusedWithZeebesWording() {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(
        Bpmn.createExecutableProcess("on-task").startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work")).endEvent()
            .moveToActivity("work")
            .boundaryEvent("late", b -> b.escalation("LATE")).endEvent()
            .done()));

    assertThat(message).contains("- Element: late")
        .contains("An escalation boundary event should only be attached to a subprocess, or a call activity.");
  }

  @Test
  void twoBoundaryEventsForTheSameCodeAreRefusedWithZeebesWording() {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(
        Bpmn.createExecutableProcess("twice").startEvent()
            .subProcess("deliver", s -> s.embeddedSubProcess().startEvent().endEvent())
            .endEvent()
            .moveToActivity("deliver")
            .boundaryEvent("first", b -> b.escalation("LATE")).endEvent()
            .moveToActivity("deliver")
            .boundaryEvent("second", b -> b.escalation("LATE")).endEvent()
            .done()));

    assertThat(message).contains("- Element: deliver")
        .contains("Multiple escalation catch events with the same escalation code 'LATE' are not supported on the same scope.");
  }

  @Test
  void aCatchCodeThatIsAnExpressionIsRefusedWithZeebesWording() {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(
        Bpmn.createExecutableProcess("catch-expression").startEvent()
            .subProcess("deliver", s -> s.embeddedSubProcess().startEvent().endEvent())
            .endEvent()
            .moveToActivity("deliver")
            .boundaryEvent("late", b -> b.escalation("=code")).endEvent()
            .done()));

    assertThat(message).contains("The escalationCode of the escalation catch event is not allowed to be an expression");
  }
}
