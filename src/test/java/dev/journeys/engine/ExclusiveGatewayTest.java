package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exclusive gateway: conditions in Zeebe's order, the default flow, and the incident when nothing matches. */
class ExclusiveGatewayTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  /** amount > 100 → big, amount > 10 → medium, otherwise (default) → small. */
  private static BpmnModelInstance routing() {
    return Bpmn.createExecutableProcess("routing").startEvent()
        .exclusiveGateway("route")
        .sequenceFlowId("to-big").conditionExpression("amount > 100")
        .serviceTask("big", t -> t.zeebeJobType("big")).endEvent()
        .moveToLastExclusiveGateway()
        .sequenceFlowId("to-medium").conditionExpression("amount > 10")
        .serviceTask("medium", t -> t.zeebeJobType("medium")).endEvent()
        .moveToLastExclusiveGateway()
        .sequenceFlowId("to-small").defaultFlow()
        .serviceTask("small", t -> t.zeebeJobType("small")).endEvent()
        .done();
  }

  /**
   * Zeebe tries the conditions in the reverse of the sequence flows' order in the XML (its model
   * walker visits a scope's children last to first), so with 500 both conditions hold and the flow
   * defined later, to medium, wins. A real Zeebe 8.6 broker answered the same.
   */
  @Test
  void withTwoTrueConditionsTheFlowDefinedLaterInTheXmlIsTaken() {
    engine.deploy(routing());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("routing", Map.of("amount", 500));

    engine.completeNext("medium", Map.of());

    assertThat(result.join().getVariablesAsMap()).containsEntry("amount", 500);
    engine.assertNoJob("big");
    engine.assertNoJob("small");
  }

  @Test
  void theOnlyTrueConditionIsTaken() {
    engine.deploy(routing());
    long instance = engine.createInstance("routing", Map.of("amount", 50)).getProcessInstanceKey();

    assertThat(engine.activateOne("medium").getProcessInstanceKey()).isEqualTo(instance);
    engine.assertNoJob("big");
    engine.assertNoJob("small");
  }

  /**
   * The order of the {@code <sequenceFlow>} elements decides, not the gateway's {@code <outgoing>}
   * references: here the references list the flows one way and the elements stand the other way.
   */
  @Test
  void theSequenceFlowElementsOrderDecidesNotTheOutgoingReferences() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="by-elements" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>to-gateway</bpmn:outgoing></bpmn:startEvent>
            <bpmn:exclusiveGateway id="route">
              <bpmn:incoming>to-gateway</bpmn:incoming>
              <bpmn:outgoing>to-first</bpmn:outgoing>
              <bpmn:outgoing>to-second</bpmn:outgoing>
            </bpmn:exclusiveGateway>
            <bpmn:serviceTask id="first">
              <bpmn:extensionElements><zeebe:taskDefinition type="first"/></bpmn:extensionElements>
              <bpmn:incoming>to-first</bpmn:incoming>
            </bpmn:serviceTask>
            <bpmn:serviceTask id="second">
              <bpmn:extensionElements><zeebe:taskDefinition type="second"/></bpmn:extensionElements>
              <bpmn:incoming>to-second</bpmn:incoming>
            </bpmn:serviceTask>
            <bpmn:sequenceFlow id="to-gateway" sourceRef="start" targetRef="route"/>
            <bpmn:sequenceFlow id="to-second" sourceRef="route" targetRef="second">
              <bpmn:conditionExpression>=true</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="to-first" sourceRef="route" targetRef="first">
              <bpmn:conditionExpression>=true</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
          </bpmn:process>
        </bpmn:definitions>
        """;
    engine.deployXml("by-elements.bpmn", xml);
    long instance = engine.createInstance("by-elements", Map.of()).getProcessInstanceKey();

    assertThat(engine.activateOne("first").getProcessInstanceKey())
        .as("to-first is the <sequenceFlow> element defined last").isEqualTo(instance);
    engine.assertNoJob("second");
  }

  @Test
  void theDefaultFlowIsTakenWhenNoConditionHolds() {
    engine.deploy(routing());
    long instance = engine.createInstance("routing", Map.of("amount", 5)).getProcessInstanceKey();

    assertThat(engine.activateOne("small").getProcessInstanceKey()).isEqualTo(instance);
    engine.assertNoJob("big");
    engine.assertNoJob("medium");
  }

  @Test
  void aDefaultFlowModelledFirstIsStillOnlyTheFallback() {
    engine.deploy(Bpmn.createExecutableProcess("default-first").startEvent()
        .exclusiveGateway("route")
        .defaultFlow()
        .serviceTask("fallback", t -> t.zeebeJobType("fallback")).endEvent()
        .moveToLastExclusiveGateway()
        .conditionExpression("vip")
        .serviceTask("vip", t -> t.zeebeJobType("vip")).endEvent()
        .done());
    engine.createInstance("default-first", Map.of("vip", true));

    engine.activateOne("vip");
    engine.assertNoJob("fallback");
  }

  @Test
  void noTrueConditionAndNoDefaultRaisesAConditionIncidentAndSetVariablesThenResolveContinues() {
    engine.deploy(Bpmn.createExecutableProcess("approval").startEvent()
        .exclusiveGateway("decide")
        .conditionExpression("approved = true")
        .serviceTask("ship", t -> t.zeebeJobType("ship")).endEvent()
        .moveToLastExclusiveGateway()
        .conditionExpression("approved = false")
        .serviceTask("refund", t -> t.zeebeJobType("refund")).endEvent()
        .done());
    long instance = engine.createInstance("approval", Map.of("orderId", "o-7")).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(incident.errorMessage()).isEqualTo("Expected at least one condition to evaluate to true, or to have a default flow");
    assertThat(incident.elementId()).isEqualTo("decide");
    assertThat(incident.jobKey()).isNull();
    assertThat(engine.isActive(instance)).isTrue();
    assertThat(engine.activeElementIds(instance)).containsExactly("decide");
    engine.assertNoJob("ship");
    engine.assertNoJob("refund");

    engine.client().newSetVariablesCommand(instance).variables(Map.of("approved", true)).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob ship = engine.activateOne("ship");
    assertThat(ship.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(ship.getVariablesAsMap()).containsEntry("approved", true);
    assertThat(engine.incidents(instance)).isEmpty();
    engine.complete(ship);
    engine.awaitCompleted(instance);
  }

  @Test
  void resolvingWithoutFixingTheDataRaisesANewIncident() {
    engine.deploy(Bpmn.createExecutableProcess("stuck").startEvent()
        .exclusiveGateway("decide")
        .conditionExpression("approved = true")
        .endEvent()
        .done());
    long instance = engine.createInstance("stuck").getProcessInstanceKey();
    EngineHarness.Incident first = engine.awaitIncident(instance);

    engine.client().newResolveIncidentCommand(first.key()).send().join();

    EngineHarness.Incident second = engine.awaitIncident(instance);
    assertThat(second.key()).isNotEqualTo(first.key());
    assertThat(second.errorType()).isEqualTo("CONDITION_ERROR");
    assertThat(engine.isActive(instance)).isTrue();
  }

  @Test
  void aConditionThatIsNotABooleanRaisesAnExtractValueIncidentAsInZeebe() {
    engine.deploy(Bpmn.createExecutableProcess("not-boolean").startEvent()
        .exclusiveGateway("decide")
        .conditionExpression("amount")
        .endEvent()
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .serviceTask("fallback", t -> t.zeebeJobType("fallback")).endEvent()
        .done());
    long instance = engine.createInstance("not-boolean", Map.of("amount", 3)).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("decide");
    assertThat(incident.errorMessage()).isEqualTo("Expected result of the expression 'amount' to be 'BOOLEAN', but was 'NUMBER'.");
    engine.assertNoJob("fallback");
  }

  @Test
  void aMergingExclusiveGatewayPassesEveryTokenOnWithoutWaiting() {
    engine.deploy(Bpmn.createExecutableProcess("shipping").startEvent()
        .exclusiveGateway("split")
        .defaultFlow()
        .serviceTask("post", t -> t.zeebeJobType("post"))
        .exclusiveGateway("merge")
        .serviceTask("notify", t -> t.zeebeJobType("notify"))
        .endEvent()
        .moveToNode("split")
        .conditionExpression("express")
        .serviceTask("courier", t -> t.zeebeJobType("courier"))
        .connectTo("merge")
        .done());
    CamundaFuture<ProcessInstanceResult> express = engine.createWithResult("shipping", Map.of("express", true));
    CamundaFuture<ProcessInstanceResult> standard = engine.createWithResult("shipping", Map.of("express", false));

    engine.completeNext("courier", Map.of("via", "courier"));
    engine.completeNext("post", Map.of("via", "post"));
    engine.completeNext("notify", Map.of());
    engine.completeNext("notify", Map.of());

    assertThat(express.join().getVariablesAsMap()).containsEntry("via", "courier");
    assertThat(standard.join().getVariablesAsMap()).containsEntry("via", "post");
  }

  @Test
  void aConditionThatEvaluatesToNullRaisesAnIncidentRatherThanTakingTheDefault() {
    engine.deploy(Bpmn.createExecutableProcess("null-condition").startEvent()
        .exclusiveGateway("decide")
        .conditionExpression("amount > 100")
        .serviceTask("big", t -> t.zeebeJobType("big")).endEvent()
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .serviceTask("fallback", t -> t.zeebeJobType("fallback")).endEvent()
        .done());
    long instance = engine.createInstance("null-condition").getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    engine.assertNoJob("fallback");

    engine.client().newSetVariablesCommand(instance).variables(Map.of("amount", 500)).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();
    engine.activateOne("big");
  }
}
