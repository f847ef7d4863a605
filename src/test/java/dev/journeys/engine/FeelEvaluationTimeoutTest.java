package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A deployed expression that would run for ever (a billion-element range, a catastrophically
 * backtracking regex) fails after the engine's FEEL evaluation bound (1s by default) with the
 * incident Zeebe raises at that place, while the single writer goes on with other journeys; setting
 * the variables right and resolving the incident resumes the instance as for any expression incident.
 */
class FeelEvaluationTimeoutTest {

  private static final String RUNAWAY = "count(for i in 1..n return i) > 0";

  private final EngineHarness engine = EngineHarness.inMemory();

  @BeforeEach
  void deployAQuickJourney() {
    engine.deploy(Bpmn.createExecutableProcess("quick").startEvent()
        .exclusiveGateway("route")
        .conditionExpression("amount > 100").endEvent("big")
        .moveToLastExclusiveGateway()
        .defaultFlow().endEvent("small")
        .done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private static BpmnModelInstance gateway(String condition) {
    return Bpmn.createExecutableProcess("runaway").startEvent()
        .exclusiveGateway("decide")
        .conditionExpression(condition)
        .serviceTask("ship", t -> t.zeebeJobType("ship")).endEvent()
        .moveToLastExclusiveGateway()
        .defaultFlow().endEvent()
        .done();
  }

  @Test
  void aRunawayGatewayConditionIsAnIncidentAndOtherJourneysGoOn() {
    engine.deploy(gateway(RUNAWAY));
    long runaway = engine.createInstance("runaway", Map.of("n", 1_000_000_000)).getProcessInstanceKey();
    CamundaFuture<ProcessInstanceResult> quick = engine.createWithResult("quick", Map.of("amount", 500));

    assertThat(quick.join().getVariablesAsMap()).containsEntry("amount", 500);
    EngineHarness.Incident incident = engine.awaitIncident(runaway);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("decide");
    assertThat(incident.errorMessage()).isEqualTo(
        "Expected to evaluate expression but timed out after 1000 ms: '" + RUNAWAY + "' (element 'decide')");

    engine.client().newSetVariablesCommand(runaway).variables(Map.of("n", 3)).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();
    engine.completeNext("ship", Map.of());
    engine.awaitCompleted(runaway);
  }

  @Test
  void aFixedVersionRunsNewInstancesWhileTheOldInstanceStaysOnItsExpressionAsInZeebe() {
    engine.deploy(gateway(RUNAWAY));
    long runaway = engine.createInstance("runaway", Map.of("n", 1_000_000_000)).getProcessInstanceKey();
    EngineHarness.Incident first = engine.awaitIncident(runaway);

    engine.deploy(gateway("n > 0"));
    long fixed = engine.createInstance("runaway", Map.of("n", 1_000_000_000)).getProcessInstanceKey();
    assertThat(engine.activateOne("ship").getProcessInstanceKey()).isEqualTo(fixed);

    engine.client().newResolveIncidentCommand(first.key()).send().join();
    EngineHarness.Incident second = engine.awaitIncident(runaway);
    assertThat(second.key()).isNotEqualTo(first.key());
    assertThat(second.errorMessage()).isEqualTo(first.errorMessage());
  }

  @Test
  void aRunawayInputMappingIsAnIoMappingIncident() {
    engine.deploy(Bpmn.createExecutableProcess("runaway").startEvent()
        .serviceTask("ship", t -> t.zeebeJobType("ship").zeebeInputExpression("count(for i in 1..n return i)", "count"))
        .endEvent()
        .done());
    long runaway = engine.createInstance("runaway", Map.of("n", 1_000_000_000)).getProcessInstanceKey();

    EngineHarness.Incident incident = engine.awaitIncident(runaway);
    assertThat(incident.errorType()).isEqualTo("IO_MAPPING_ERROR");
    assertThat(incident.elementId()).isEqualTo("ship");
    assertThat(incident.errorMessage()).contains("timed out after 1000 ms", "(element 'ship')");
    assertThat(engine.createWithResult("quick", Map.of("amount", 5)).join().getVariablesAsMap())
        .containsEntry("amount", 5);

    engine.client().newSetVariablesCommand(runaway).variables(Map.of("n", 2)).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();
    assertThat(engine.activateOne("ship").getVariablesAsMap()).containsEntry("count", 2);
  }

  @Test
  void aCatastrophicRegexIsAnIncidentAndOtherJourneysGoOn() {
    engine.deploy(gateway("matches(text, \"^(a+)+\\\\1$\")"));
    long runaway = engine.createInstance("runaway", Map.of("text", "a".repeat(40) + "!")).getProcessInstanceKey();
    CamundaFuture<ProcessInstanceResult> quick = engine.createWithResult("quick", Map.of("amount", 5));

    assertThat(quick.join().getVariablesAsMap()).containsEntry("amount", 5);
    EngineHarness.Incident incident = engine.awaitIncident(runaway);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.errorMessage()).contains("timed out after 1000 ms", "matches(text", "(element 'decide')");

    engine.client().newSetVariablesCommand(runaway).variables(Map.of("text", "aa")).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();
    engine.completeNext("ship", Map.of());
    engine.awaitCompleted(runaway);
  }
}
