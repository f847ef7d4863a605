package dev.journeys.engine.events;

import static dev.journeys.engine.events.Events.failsWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad messages and bad timers are refused with INVALID_ARGUMENT, naming what is wrong. */
class BadInputTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aMessageWithoutNameIsInvalid() {
    failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newPublishMessageCommand()
        .messageName("").correlationKey("o-1").send().join());
  }

  @Test
  void aMessageWithANegativeTimeToLiveIsInvalid() {
    String description = failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newPublishMessageCommand()
        .messageName("shipped").correlationKey("o-1").timeToLive(Duration.ofMillis(-1)).send().join());

    assertThat(description).contains("-1");
  }

  @Test
  void aMessageWithVariablesThatAreNotAnObjectIsInvalid() {
    failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newPublishMessageCommand()
        .messageName("shipped").correlationKey("o-1").variables("[1, 2]").send().join());
  }

  static Stream<Arguments> unparsableTimers() {
    return Stream.of(
        Arguments.of("catch-duration", Bpmn.createExecutableProcess("bad").startEvent()
            .intermediateCatchEvent("catch-duration", e -> e.timerWithDuration("PT1X")).endEvent().done()),
        Arguments.of("catch-date", Bpmn.createExecutableProcess("bad").startEvent()
            .intermediateCatchEvent("catch-date", e -> e.timerWithDate("next tuesday")).endEvent().done()),
        Arguments.of("boundary-cycle", Bpmn.createExecutableProcess("bad").startEvent()
            .serviceTask("task", t -> t.zeebeJobType("t"))
            .boundaryEvent("boundary-cycle", b -> b.cancelActivity(false).timerWithCycle("R3/every hour")).endEvent()
            .moveToActivity("task").endEvent().done()),
        Arguments.of("start-cron", Bpmn.createExecutableProcess("bad").startEvent("start-cron").timerWithCycle("0 0 25 * * *")
            .endEvent().done()),
        Arguments.of("empty-duration", Bpmn.createExecutableProcess("bad").startEvent()
            .intermediateCatchEvent("empty-duration", e -> e.timerWithDuration("")).endEvent().done()),
        // Zeebe names the closest element with an id: here the timer definition, which the builder (and
        // Camunda Modeler) gives one
        Arguments.of("timerEventDefinition_", Bpmn.createExecutableProcess("bad").startEvent()
            .intermediateCatchEvent("feel-syntax", e -> e.timerWithDurationExpression("duration(")).endEvent().done()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unparsableTimers")
  void anUnparsableTimerFailsTheDeploymentNamingTheElement(String elementId, BpmnModelInstance model) {
    String description = failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(model));

    assertThat(description).contains(elementId);
  }

  @Test
  void aFailedDeploymentDeploysNothing() {
    failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.deploy(Bpmn.createExecutableProcess("bad").startEvent()
        .intermediateCatchEvent("catch-duration", e -> e.timerWithDuration("PT1X")).endEvent().done()));

    failsWith(Status.Code.NOT_FOUND, () -> engine.client().newCreateInstanceCommand().bpmnProcessId("bad")
        .latestVersion().send().join());
  }

  @Test
  void aMessageCatchEventWithoutCorrelationKeyFailsTheDeploymentNamingTheElement() {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://bpmn.io/schema/bpmn">
          <bpmn:message id="msg" name="shipped" />
          <bpmn:process id="no-key" isExecutable="true">
            <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:intermediateCatchEvent id="wait-without-key">
              <bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
              <bpmn:messageEventDefinition messageRef="msg" />
            </bpmn:intermediateCatchEvent>
            <bpmn:endEvent id="end"><bpmn:incoming>f2</bpmn:incoming></bpmn:endEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="wait-without-key" />
            <bpmn:sequenceFlow id="f2" sourceRef="wait-without-key" targetRef="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    String description = failsWith(Status.Code.INVALID_ARGUMENT,
        () -> engine.client().newDeployResourceCommand().addResourceStringUtf8(xml, "no-key.bpmn").send().join());

    // Zeebe's own validator names the message ('msg') that lacks the subscription; naming the event is as good
    // Zeebe's design-time rule, reported on the message as Zeebe reports it
    assertThat(description).contains("- Element: msg\n").contains("Must have exactly one zeebe:subscription extension element");
  }
}
