package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DeployResource: versions, atomic multi-resource deployments, and the rejections. */
class DeploymentTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  private static String process(String id, String jobType) {
    return Bpmn.convertToString(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("work", t -> t.zeebeJobType(jobType)).endEvent().done());
  }

  private static String xml(BpmnModelInstance model) {
    return Bpmn.convertToString(model);
  }

  private DeploymentEvent deploy(String resourceName, String xml) {
    return engine.deployXml(resourceName, xml);
  }

  @Test
  void aFirstDeploymentCreatesVersionOneUnderTheResourceName() {
    DeploymentEvent deployment = deploy("journey.bpmn", process("journey", "work"));

    assertThat(deployment.getKey()).isPositive();
    assertThat(deployment.getTenantId()).isEqualTo("<default>");
    assertThat(deployment.getProcesses()).hasSize(1);
    Process process = deployment.getProcesses().get(0);
    assertThat(process.getBpmnProcessId()).isEqualTo("journey");
    assertThat(process.getVersion()).isEqualTo(1);
    assertThat(process.getProcessDefinitionKey()).isPositive();
    assertThat(process.getResourceName()).isEqualTo("journey.bpmn");
    assertThat(process.getTenantId()).isEqualTo("<default>");
  }

  @Test
  void redeployingTheSameContentKeepsTheVersionAndKey() {
    String xml = process("journey", "work");
    Process first = deploy("journey.bpmn", xml).getProcesses().get(0);

    Process again = deploy("journey.bpmn", xml).getProcesses().get(0);

    assertThat(again.getVersion()).isEqualTo(1);
    assertThat(again.getProcessDefinitionKey()).isEqualTo(first.getProcessDefinitionKey());
  }

  @Test
  void changedContentGetsTheNextVersionAndNewInstancesRunIt() {
    String original = process("journey", "work-v1");
    Process v1 = deploy("journey.bpmn", original).getProcesses().get(0);

    Process v2 = deploy("journey.bpmn", process("journey", "work-v2")).getProcesses().get(0);

    assertThat(v2.getVersion()).isEqualTo(2);
    assertThat(v2.getProcessDefinitionKey()).isNotEqualTo(v1.getProcessDefinitionKey());
    assertThat(engine.createInstance("journey").getVersion()).isEqualTo(2);
    assertThat(engine.activateOne("work-v2").getProcessDefinitionKey()).isEqualTo(v2.getProcessDefinitionKey());
    Process v3 = deploy("journey.bpmn", original).getProcesses().get(0);
    assertThat(v3.getVersion()).as("going back to old content is a change too").isEqualTo(3);
  }

  /** What Camunda Modeler's Deploy does to a running journey: the same DeployResource call. */
  @Test
  void aRunningInstanceStaysOnItsVersionWhenAChangedModelIsDeployed() {
    Process v1 = deploy("journey.bpmn", process("journey", "work-v1")).getProcesses().get(0);
    long running = engine.createInstance("journey").getProcessInstanceKey();

    Process v2 = deploy("journey.bpmn", process("journey", "work-v2")).getProcesses().get(0);

    assertThat(v2.getVersion()).isEqualTo(2);
    ActivatedJob oldStep = engine.activateOne("work-v1");
    assertThat(oldStep.getProcessInstanceKey()).isEqualTo(running);
    assertThat(oldStep.getProcessDefinitionKey()).isEqualTo(v1.getProcessDefinitionKey());
    assertThat(oldStep.getProcessDefinitionVersion()).isEqualTo(1);
    engine.assertNoJob("work-v2");
    engine.complete(oldStep);
    engine.awaitCompleted(running);
    long fresh = engine.createInstance("journey").getProcessInstanceKey();
    ActivatedJob newStep = engine.activateOne("work-v2");
    assertThat(newStep.getProcessInstanceKey()).isEqualTo(fresh);
    assertThat(newStep.getProcessDefinitionVersion()).isEqualTo(2);
  }

  @Test
  void severalResourcesInOneCallAreDeployedTogether() {
    DeploymentEvent deployment = engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(process("confirmation", "confirm"), "confirmation.bpmn")
        .addResourceStringUtf8(process("feedback", "feedback"), "feedback.bpmn")
        .send().join();

    assertThat(deployment.getProcesses())
        .extracting(Process::getBpmnProcessId, Process::getVersion, Process::getResourceName)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("confirmation", 1, "confirmation.bpmn"),
            org.assertj.core.groups.Tuple.tuple("feedback", 1, "feedback.bpmn"));
    engine.createInstance("confirmation");
    engine.createInstance("feedback");
  }

  @Test
  void oneBadResourceRejectsTheWholeCallAndDeploysNothing() {
    deploy("existing.bpmn", process("existing", "v1"));
    String changed = process("existing", "v2");

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(process("brand-new", "work"), "brand-new.bpmn")
        .addResourceStringUtf8(changed, "existing.bpmn")
        .addResourceStringUtf8(xml(Bpmn.createExecutableProcess("bad").startEvent().userTask("review").endEvent().done()),
            "bad.bpmn")
        .send().join());

    assertThat(message).contains("bad.bpmn").contains("review");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("brand-new"));
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("bad"));
    assertThat(engine.createInstance("existing").getVersion()).isEqualTo(1);
    assertThat(deploy("existing.bpmn", changed).getProcesses().get(0).getVersion())
        .as("the next real change is version 2: the rejected call left no version behind")
        .isEqualTo(2);
  }

  @Test
  void theSameProcessIdTwiceInOneCallIsRejected() {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(process("twice", "a"), "one.bpmn")
        .addResourceStringUtf8(process("twice", "b"), "two.bpmn")
        .send().join());

    assertThat(message).contains("twice");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("twice"));
  }

  @Test
  void malformedXmlIsRejectedNamingTheResource() {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT,
        () -> deploy("broken.bpmn", "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"><bpmn:process"));

    assertThat(message).contains("broken.bpmn");
  }

  @Test
  void aProcessWithoutAnIdIsRejected() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs"
            targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process isExecutable="true">
            <bpmn:startEvent id="start"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("anonymous.bpmn", xml));

    assertThat(message).contains("anonymous.bpmn").containsIgnoringCase("id");
  }

  @Test
  void aResourceWithoutAnExecutableProcessIsRejected() {
    String xml = xml(Bpmn.createProcess("draft").executable().startEvent().endEvent().done())
        .replace("isExecutable=\"true\"", "isExecutable=\"false\"");

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("draft.bpmn", xml));

    assertThat(message).contains("draft.bpmn");
  }

  @Test
  void aFeelSyntaxErrorInATaskDefinitionIsRejectedNamingTheElement() {
    String xml = xml(Bpmn.createExecutableProcess("bad-feel").startEvent()
        .serviceTask("notify", t -> t.zeebeJobTypeExpression("\"notify-\" +")).endEvent().done());

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("bad-feel.bpmn", xml));

    assertThat(message).contains("'bad-feel.bpmn': - Element: notify > extensionElements > taskDefinition")
        .contains("\"notify-\" +");
  }

  @Test
  void aFeelSyntaxErrorInAConditionIsRejectedNamingTheSequenceFlow() {
    String xml = xml(Bpmn.createExecutableProcess("bad-condition").startEvent()
        .exclusiveGateway("route")
        .sequenceFlowId("too-expensive").conditionExpression("amount >")
        .endEvent()
        .moveToLastExclusiveGateway().defaultFlow().endEvent()
        .done());

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("bad-condition.bpmn", xml));

    // Zeebe names the closest element with an id: the builder gives the condition one of its own
    assertThat(message).contains("'bad-condition.bpmn': - Element: conditionExpression_").contains("amount >");
  }

  @Test
  void aFeelSyntaxErrorInAnIoMappingIsRejectedNamingTheElement() {
    String xml = xml(Bpmn.createExecutableProcess("bad-mapping").startEvent()
        .serviceTask("price", t -> t.zeebeJobType("price").zeebeInputExpression("total *", "doubled"))
        .endEvent().done());

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("bad-mapping.bpmn", xml));

    assertThat(message).contains("'bad-mapping.bpmn': - Element: price > extensionElements > ioMapping > input")
        .contains("total *");
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of("user task",
            Bpmn.createExecutableProcess("p").startEvent().userTask("review").endEvent().done(),
            "review", "userTask"),
        Arguments.of("script task",
            Bpmn.createExecutableProcess("p").startEvent()
                .scriptTask("calculate", s -> s.zeebeExpression("1 + 1").zeebeResultVariable("two")).endEvent().done(),
            "calculate", "scriptTask"),
        Arguments.of("manual task",
            Bpmn.createExecutableProcess("p").startEvent().manualTask("by-hand").endEvent().done(),
            "by-hand", "manualTask"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void anElementTheEngineDoesNotExecuteIsRejectedNamingItsIdAndKind(
      String description, BpmnModelInstance model, String elementId, String kind) {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("unsupported.bpmn", xml(model)));

    assertThat(message).contains("'" + elementId + "'").contains(kind);
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("p"));
  }

  @Test
  void aResourceThatIsNotBpmnIsRejectedNamingIt() {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT,
        () -> deploy("discounts.dmn", "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"/>"));

    assertThat(message).contains("discounts.dmn");
  }

  @Test
  void anExclusiveGatewayFlowWithoutConditionThatIsNotTheDefaultIsRejected() {
    // Zeebe's design-time validation: "Must have a condition or be default flow"
    String xml = xml(Bpmn.createExecutableProcess("ambiguous").startEvent()
        .exclusiveGateway("route")
        .sequenceFlowId("unconditional").endEvent()
        .moveToLastExclusiveGateway()
        .sequenceFlowId("conditional").conditionExpression("express").endEvent()
        .done());

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("ambiguous.bpmn", xml));

    assertThat(message).contains("unconditional");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("ambiguous"));
  }

  @Test
  void aConditionalSequenceFlowLeavingATaskIsRejected() {
    // Zeebe: "Conditional sequence flows are only supported at exclusive or inclusive gateway"; running
    // it would silently ignore the condition
    String xml = xml(Bpmn.createExecutableProcess("conditional-task").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("task"))
        .conditionExpression("false")
        .endEvent()
        .done());

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("conditional-task.bpmn", xml));

    assertThat(message).contains("task");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("conditional-task"));
  }

  @Test
  void aProcessWithTwoNoneStartEventsIsRejected() {
    // Zeebe: "Multiple none start events are not allowed"
    String xml = xml(Bpmn.createExecutableProcess("two-starts")
        .startEvent("first-start").endEvent("first-end")
        .moveToProcess("two-starts")
        .startEvent("second-start").endEvent("second-end")
        .done());

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> deploy("two-starts.bpmn", xml));

    assertThat(message).contains("two-starts");
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("two-starts"));
  }

  @Test
  void theDefaultTenantIsAcceptedAndEchoed() {
    DeploymentEvent deployment = engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(process("tenant", "work"), "tenant.bpmn")
        .tenantId("<default>")
        .send().join();

    assertThat(deployment.getTenantId()).isEqualTo("<default>");
    assertThat(deployment.getProcesses().get(0).getTenantId()).isEqualTo("<default>");
  }

  @Test
  void anotherTenantIsRejectedBecauseTheEngineHasNoMultiTenancy() {
    Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(process("tenant", "work"), "tenant.bpmn")
        .tenantId("acme")
        .send().join());

    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("tenant"));
  }
}
