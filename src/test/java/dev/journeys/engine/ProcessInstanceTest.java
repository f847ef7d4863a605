package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CreateProcessInstance (by id, key, version), CreateProcessInstanceWithResult and CancelProcessInstance. */
class ProcessInstanceTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private long v1Key;
  private long v2Key;

  private static BpmnModelInstance journey(String jobType) {
    return Bpmn.createExecutableProcess("journey").startEvent()
        .serviceTask("work", t -> t.zeebeJobType(jobType)).endEvent().done();
  }

  @BeforeEach
  void deployTwoVersions() {
    v1Key = engine.deploy(journey("work-v1")).getProcesses().get(0).getProcessDefinitionKey();
    v2Key = engine.deploy(journey("work-v2")).getProcesses().get(0).getProcessDefinitionKey();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void byProcessIdTheLatestVersionRuns() {
    ProcessInstanceEvent instance = engine.client().newCreateInstanceCommand()
        .bpmnProcessId("journey").latestVersion().send().join();

    assertThat(instance.getBpmnProcessId()).isEqualTo("journey");
    assertThat(instance.getVersion()).isEqualTo(2);
    assertThat(instance.getProcessDefinitionKey()).isEqualTo(v2Key);
    assertThat(instance.getProcessInstanceKey()).isPositive();
    assertThat(instance.getTenantId()).isEqualTo("<default>");
    assertThat(engine.activateOne("work-v2").getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
  }

  @Test
  void byProcessDefinitionKeyThatDefinitionRuns() {
    ProcessInstanceEvent instance = engine.client().newCreateInstanceCommand()
        .processDefinitionKey(v1Key).send().join();

    assertThat(instance.getVersion()).isEqualTo(1);
    assertThat(instance.getBpmnProcessId()).isEqualTo("journey");
    assertThat(engine.activateOne("work-v1").getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    engine.assertNoJob("work-v2");
  }

  @Test
  void byProcessIdAndVersionThatVersionRuns() {
    ProcessInstanceEvent instance = engine.client().newCreateInstanceCommand()
        .bpmnProcessId("journey").version(1).send().join();

    assertThat(instance.getProcessDefinitionKey()).isEqualTo(v1Key);
    assertThat(engine.activateOne("work-v1").getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
  }

  @Test
  void everyInstanceGetsItsOwnKeyAndItsOwnVariables() {
    ProcessInstanceEvent first = engine.createInstance("journey", Map.of("orderId", "o-1"));
    ProcessInstanceEvent second = engine.createInstance("journey", Map.of("orderId", "o-2", "vip", true));

    assertThat(first.getProcessInstanceKey()).isNotEqualTo(second.getProcessInstanceKey());
    ActivatedJob a = engine.activateOne("work-v2");
    ActivatedJob b = engine.activateOne("work-v2");
    Map<Long, Map<String, Object>> variables = Map.of(
        a.getProcessInstanceKey(), a.getVariablesAsMap(), b.getProcessInstanceKey(), b.getVariablesAsMap());
    assertThat(variables.get(first.getProcessInstanceKey())).containsOnly(entry("orderId", "o-1"));
    assertThat(variables.get(second.getProcessInstanceKey())).containsOnly(entry("orderId", "o-2"), entry("vip", true));
  }

  @Test
  void withResultAnswersWhenTheInstanceCompletesWithOnlyTheFetchedVariables() {
    var result = engine.client().newCreateInstanceCommand().bpmnProcessId("journey").latestVersion()
        .variables(Map.of("a", 1, "b", 2, "c", 3))
        .withResult().fetchVariables("a", "done")
        .requestTimeout(Duration.ofSeconds(20)).send();

    engine.completeNext("work-v2", Map.of("done", true));

    ProcessInstanceResult completed = result.join();
    assertThat(completed.getVariablesAsMap()).containsOnly(entry("a", 1), entry("done", true));
    assertThat(completed.getBpmnProcessId()).isEqualTo("journey");
    assertThat(completed.getVersion()).isEqualTo(2);
    assertThat(completed.getProcessDefinitionKey()).isEqualTo(v2Key);
    assertThat(completed.getTenantId()).isEqualTo("<default>");
    assertThat(engine.isActive(completed.getProcessInstanceKey())).isFalse();
  }

  @Test
  void withResultTimesOutWithDeadlineExceededWhileTheInstanceKeepsRunning() {
    var result = engine.client().newCreateInstanceCommand().bpmnProcessId("journey").latestVersion()
        .withResult().requestTimeout(Duration.ofMillis(500)).send();

    Rpc.failsWith(Status.Code.DEADLINE_EXCEEDED, result::join);

    ActivatedJob job = engine.activateOne("work-v2");
    assertThat(engine.isActive(job.getProcessInstanceKey())).isTrue();
  }

  @Test
  void cancellingEndsTheInstanceAndRemovesItsJobs() {
    long instance = engine.createInstance("journey").getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("work-v2");

    engine.client().newCancelInstanceCommand(instance).send().join();

    assertThat(engine.isActive(instance)).isFalse();
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(job));
    String message = Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newCancelInstanceCommand(instance).send().join());
    assertThat(message).contains(String.valueOf(instance));
  }

  @Test
  void cancellingBeforeTheJobIsActivatedLeavesNothingToActivate() {
    long instance = engine.createInstance("journey").getProcessInstanceKey();

    engine.client().newCancelInstanceCommand(instance).send().join();

    engine.assertNoJob("work-v2");
  }

  @Test
  void cancellingACompletedInstanceIsNotFound() {
    long instance = engine.createInstance("journey").getProcessInstanceKey();
    engine.completeNext("work-v2", Map.of());
    engine.awaitCompleted(instance);

    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.client().newCancelInstanceCommand(instance).send().join());
  }

  @Test
  void anUnknownProcessIdIsNotFound() {
    String message = Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.createInstance("no-such-journey"));

    assertThat(message).contains("no-such-journey");
  }

  @Test
  void anUnknownVersionIsNotFound() {
    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newCreateInstanceCommand().bpmnProcessId("journey").version(3).send().join());
  }

  @Test
  void anUnknownDefinitionKeyIsNotFound() {
    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newCreateInstanceCommand().processDefinitionKey(v2Key + 1000).send().join());
  }

  @Test
  void anUnknownProcessIdIsNotFoundWithResultToo() {
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.client().newCreateInstanceCommand()
        .bpmnProcessId("no-such-journey").latestVersion().withResult().send().join());
  }

  @Test
  void cancellingAnUnknownInstanceIsNotFound() {
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.client().newCancelInstanceCommand(2251799813685249L).send().join());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[1, 2]", "42", "\"text\"", "true"})
  void variablesThatAreNotAJsonObjectAreInvalid(String document) {
    String message = Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newCreateInstanceCommand()
        .bpmnProcessId("journey").latestVersion().variables(document).send().join());

    assertThat(message).containsIgnoringCase("object");
    engine.assertNoJob("work-v2");
  }

  @Test
  void variablesOfEveryJsonTypeReachTheWorkerUnchanged() {
    String document = "{\"text\":\"Grüße 你好\",\"int\":42,\"long\":9007199254740993,\"decimal\":19.99,"
        + "\"bool\":false,\"nothing\":null,\"list\":[1,\"a\",null],\"object\":{\"nested\":{\"deep\":[true]}}}";
    engine.client().newCreateInstanceCommand().bpmnProcessId("journey").latestVersion().variables(document).send().join();

    ActivatedJob job = engine.activateOne("work-v2");

    assertThat(job.getVariablesAsMap()).containsOnly(
        entry("text", "Grüße 你好"),
        entry("int", 42),
        entry("long", 9007199254740993L),
        entry("decimal", 19.99),
        entry("bool", false),
        entry("nothing", null),
        entry("list", java.util.Arrays.asList(1, "a", null)),
        entry("object", Map.of("nested", Map.of("deep", java.util.List.of(true)))));
  }

  @Test
  void keysEncodePartitionOneAsZeebeKeysDo() {
    ProcessInstanceEvent instance = engine.createInstance("journey");
    ActivatedJob job = engine.activateOne("work-v2");

    for (long key : new long[] {v1Key, v2Key, instance.getProcessInstanceKey(), job.getKey(), job.getElementInstanceKey()}) {
      assertThat(key >> 51).as("partition of key %d", key).isEqualTo(1);
    }
  }

  @Test
  void theDefaultTenantIsAcceptedAndAnyOtherIsInvalid() {
    ProcessInstanceEvent instance = engine.client().newCreateInstanceCommand().bpmnProcessId("journey")
        .latestVersion().tenantId("<default>").send().join();
    assertThat(instance.getTenantId()).isEqualTo("<default>");

    Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newCreateInstanceCommand()
        .bpmnProcessId("journey").latestVersion().tenantId("acme").send().join());

    assertThat(engine.activate("work-v2", 10, Duration.ofMillis(500))).hasSize(1);
  }
}
