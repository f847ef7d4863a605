package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Zeebe 8.8's rules for static values and expressions, each as Zeebe answers it: refused at
 * deployment with its message (ZeebeRuntimeValidators and ZeebeExpressionValidator in zeebe/engine),
 * or deployed and an incident when the value is used (BpmnJobBehavior, ExpressionProcessor).
 */
class ZeebeStrictModelsTest {

  private static final String REFUSAL = "Expected to deploy new resources, but encountered the following errors:\n";

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  private String refused(String resourceName, BpmnModelInstance model) {
    return Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deployXml(resourceName, Bpmn.convertToString(model)));
  }

  private static String staticValue(String text) {
    return "    - ERROR: Expected expression but found static value '%s'. An expression must start with '=' (e.g. '=%s').\n"
        .formatted(text, text);
  }

  static Stream<Arguments> staticCorrelationKeys() {
    return Stream.of(
        Arguments.of("intermediate catch event", Bpmn.createExecutableProcess("static-key").startEvent()
            .intermediateCatchEvent("wait").message(m -> m.id("shipped").name("shipped").zeebeCorrelationKey("order-1"))
            .endEvent().done()),
        Arguments.of("receive task", Bpmn.createExecutableProcess("static-key").startEvent()
            .receiveTask("wait").message(m -> m.id("shipped").name("shipped").zeebeCorrelationKey("order-1"))
            .endEvent().done()),
        Arguments.of("boundary event", Bpmn.createExecutableProcess("static-key").startEvent()
            .serviceTask("work", t -> t.zeebeJobType("work"))
            .boundaryEvent("wait").message(m -> m.id("shipped").name("shipped").zeebeCorrelationKey("order-1"))
            .endEvent().moveToActivity("work").endEvent().done()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("staticCorrelationKeys")
  void aStaticCorrelationKeyIsRefusedAsZeebeRefusesIt(String kind, BpmnModelInstance model) {
    String message = refused("static-key.bpmn", model);

    assertThat(message).isEqualTo(REFUSAL + "'static-key.bpmn': - Element: shipped > extensionElements > subscription\n"
        + staticValue("order-1"));
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("static-key"));
  }

  /** As Camunda Modeler writes a condition: without an id, so Zeebe names the sequence flow. */
  @Test
  void aStaticConditionIsRefusedNamingItsSequenceFlow() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:process id="static-condition" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:exclusiveGateway id="route" default="small"/>
            <bpmn:endEvent id="big-end"/>
            <bpmn:endEvent id="small-end"/>
            <bpmn:sequenceFlow id="to-route" sourceRef="start" targetRef="route"/>
            <bpmn:sequenceFlow id="big" sourceRef="route" targetRef="big-end">
              <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">amount &gt; 100</bpmn:conditionExpression>
            </bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="small" sourceRef="route" targetRef="small-end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deployXml("static-condition.bpmn", xml));

    assertThat(message).isEqualTo(REFUSAL + "'static-condition.bpmn': - Element: big > conditionExpression\n"
        + staticValue("amount > 100"));
  }

  @Test
  void aStaticOutputMappingSourceIsRefusedButAStaticInputSourceIsAString() {
    String message = refused("static-output.bpmn", Bpmn.createExecutableProcess("static-output").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeOutput("done", "stage")).endEvent().done());
    assertThat(message).isEqualTo(REFUSAL
        + "'static-output.bpmn': - Element: work > extensionElements > ioMapping > output\n" + staticValue("done"));

    engine.deploy(Bpmn.createExecutableProcess("static-input").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeInput("3", "parcels")).endEvent().done());
    engine.createInstance("static-input");
    assertThat(engine.activateOne("work").getVariablesAsMap()).containsEntry("parcels", "3");
  }

  @Test
  void aMappingTargetThatIsAReservedWordIsRefused() {
    String message = refused("reserved-target.bpmn", Bpmn.createExecutableProcess("reserved-target").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeInputExpression("1", "null")).endEvent().done());

    assertThat(message).isEqualTo(REFUSAL
        + "'reserved-target.bpmn': - Element: work > extensionElements > ioMapping > input\n"
        + "    - ERROR: Expected path expression 'null' but is one of the reserved words "
        + "(null, true, false, function, if, then, else, for, between, instance, of).\n");
  }

  @Test
  void aReservedOrDuplicatedTaskHeaderIsRefused() {
    String message = refused("headers.bpmn", Bpmn.createExecutableProcess("headers").startEvent()
        .serviceTask("work", t -> t.zeebeJobType("work").zeebeTaskHeader("io.camunda.zeebe:assignee", "me")
            .zeebeTaskHeader("template", "a").zeebeTaskHeader("template", "b"))
        .endEvent().done());

    assertThat(message).isEqualTo(REFUSAL + "'headers.bpmn': - Element: work > extensionElements > taskHeaders\n"
        + "    - ERROR: Attribute 'key' contains 'io.camunda.zeebe:assignee', but header keys starting with "
        + "'io.camunda.zeebe:' are reserved for internal use.\n"
        + "    - ERROR: Headers contain duplicate entries for key 'template'\n");
  }

  @Test
  void aStaticTimerThatDoesNotParseIsRefusedOnItsEvent() {
    String message = refused("bad-timer.bpmn", Bpmn.createExecutableProcess("bad-timer").startEvent()
        .intermediateCatchEvent("nap").timerWithDuration("two days").endEvent().done());

    assertThat(message).startsWith(REFUSAL + "'bad-timer.bpmn': - Element: nap\n    - ERROR: Invalid timer duration expression (");
  }

  @Test
  void aMessageStartEventNameMustBeAConstantString() {
    String message = refused("start-name.bpmn", Bpmn.createExecutableProcess("start-name")
        .startEvent("placed").message(m -> m.name("=customerName")).endEvent().done());
    assertThat(message).isEqualTo(REFUSAL + "'start-name.bpmn': - Element: placed\n"
        + "    - ERROR: Expected constant expression of type String for message name '=customerName', but was NULL\n");

    engine.deploy(Bpmn.createExecutableProcess("constant-name")
        .startEvent("placed").message(m -> m.name("=\"order-\" + \"placed\"")).serviceTask("greet", t -> t.zeebeJobType("greet"))
        .endEvent().done());
    engine.client().newPublishMessageCommand().messageName("order-placed").correlationKey("c-1")
        .timeToLive(Duration.ofMinutes(1)).send().join();
    assertThat(engine.activateOne("greet").getBpmnProcessId()).isEqualTo("constant-name");
  }

  @Test
  void staticRetriesThatAreNoNumberAreDeployedAndEveryJobCreationIsAnIncident() {
    engine.deploy(Bpmn.createExecutableProcess("retries-three").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send").zeebeJobRetries("three")).endEvent().done());
    long instance = engine.createInstance("retries-three").getProcessInstanceKey();

    Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("send");
    assertThat(incident.errorMessage()).isEqualTo("Expected result of the expression 'three' to be 'NUMBER', but was 'STRING'.");
    engine.assertNoJob("send");
  }

  @Test
  void staticRetriesThatAreANumberAreTheJobsRetries() {
    engine.deploy(Bpmn.createExecutableProcess("retries-five").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send").zeebeJobRetries("5")).endEvent().done());
    engine.createInstance("retries-five");

    assertThat(engine.activateOne("send").getRetries()).isEqualTo(5);
  }

  @Test
  void retriesFromAnExpressionMustBeANumberNotAString() {
    engine.deploy(Bpmn.createExecutableProcess("retries-text").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send").zeebeJobRetries("=\"3\"")).endEvent().done());
    long instance = engine.createInstance("retries-text").getProcessInstanceKey();

    assertThat(engine.awaitIncident(instance).errorMessage())
        .isEqualTo("Expected result of the expression '\"3\"' to be 'NUMBER', but was 'STRING'.");
  }

  /** Zeebe's StaticExpression reads "123" as a number, and a job type must be a string. */
  @Test
  void aStaticJobTypeThatIsANumberIsAnIncident() {
    engine.deploy(Bpmn.createExecutableProcess("numeric-type").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("123")).endEvent().done());
    long instance = engine.createInstance("numeric-type").getProcessInstanceKey();

    Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).isEqualTo("Expected result of the expression '123' to be 'STRING', but was 'NUMBER'.");
  }

  private static BpmnModelInstance catchByKey(String processId, String name) {
    return Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name(name).zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done();
  }

  @Test
  void aCorrelationKeyThatIsNoStringOrNumberIsAnIncidentInZeebesWords() {
    engine.deploy(catchByKey("boolean-key", "shipped"));
    long instance = engine.createInstance("boolean-key", Map.of("orderId", true)).getProcessInstanceKey();

    Incident incident = engine.awaitIncident(instance);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("wait");
    assertThat(incident.errorMessage()).isEqualTo(
        "Failed to extract the correlation key for 'orderId': The value must be either a string or a number, but was 'BOOLEAN'.");
  }

  /** Zeebe turns a number into a correlation key by its whole part: 12.5 waits for "12". */
  @Test
  void aNumericCorrelationKeyIsItsWholePart() {
    engine.deploy(catchByKey("numeric-key", "shipped"));
    engine.createInstance("numeric-key", Map.of("orderId", 12.5));

    engine.client().newPublishMessageCommand().messageName("shipped").correlationKey("12")
        .timeToLive(Duration.ofMinutes(1)).send().join();

    assertThat(engine.activateOne("after").getElementId()).isEqualTo("after");
  }

  /** A static name is typed as Zeebe's StaticExpression types it: "123" is a number, and no message name. */
  @Test
  void aStaticMessageNameThatIsANumberIsAnIncident() {
    engine.deploy(catchByKey("numeric-name", "123"));
    long instance = engine.createInstance("numeric-name", Map.of("orderId", "o-1")).getProcessInstanceKey();

    assertThat(engine.awaitIncident(instance).errorMessage())
        .isEqualTo("Expected result of the expression '123' to be 'STRING', but was 'NUMBER'.");
  }

  @Test
  void aJobTypeExpressionIsEvaluatedWhenTheJobIsCreated() {
    engine.deploy(Bpmn.createExecutableProcess("typed").startEvent()
        .serviceTask("send", t -> t.zeebeJobTypeExpression("\"send-\" + channel")).endEvent().done());
    engine.createInstance("typed", Map.of("channel", "sms"));

    assertThat(engine.activateOne("send-sms").getElementId()).isEqualTo("send");
  }
}
