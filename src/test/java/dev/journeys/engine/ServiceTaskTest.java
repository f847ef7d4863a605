package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Service and send tasks: zeebe:taskDefinition (type, retries; static or FEEL) and zeebe:taskHeaders. */
class ServiceTaskTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aServiceTaskCreatesAJobWithItsStaticTypeRetriesAndTheInstanceData() {
    engine.deploy(Bpmn.createExecutableProcess("order").startEvent()
        .serviceTask("confirm", t -> t.zeebeJobType("send-confirmation").zeebeJobRetries("5"))
        .endEvent().done());
    ProcessInstanceEvent instance = engine.createInstance("order", Map.of("orderId", "o-1"));

    long before = System.currentTimeMillis();
    List<ActivatedJob> jobs = engine.client().newActivateJobsCommand().jobType("send-confirmation")
        .maxJobsToActivate(5).timeout(Duration.ofSeconds(30)).workerName("mailer")
        .requestTimeout(EngineHarness.WAIT).send().join().getJobs();
    long after = System.currentTimeMillis();

    assertThat(jobs).hasSize(1);
    ActivatedJob job = jobs.get(0);
    assertThat(job.getType()).isEqualTo("send-confirmation");
    assertThat(job.getRetries()).isEqualTo(5);
    assertThat(job.getBpmnProcessId()).isEqualTo("order");
    assertThat(job.getElementId()).isEqualTo("confirm");
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    assertThat(job.getProcessDefinitionKey()).isEqualTo(instance.getProcessDefinitionKey());
    assertThat(job.getProcessDefinitionVersion()).isEqualTo(1);
    assertThat(job.getElementInstanceKey()).isPositive().isNotEqualTo(instance.getProcessInstanceKey());
    assertThat(job.getKey()).isPositive();
    assertThat(job.getTenantId()).isEqualTo("<default>");
    assertThat(job.getWorker()).isEqualTo("mailer");
    assertThat(job.getDeadline()).isBetween(before + 30_000, after + 30_000);
    assertThat(job.getVariablesAsMap()).containsExactly(entry("orderId", "o-1"));
    assertThat(job.getCustomHeaders()).isEmpty();
  }

  @Test
  void retriesDefaultToThree() {
    engine.deploy(Bpmn.createExecutableProcess("defaults").startEvent()
        .serviceTask("task", t -> t.zeebeJobType("default-retries")).endEvent().done());
    engine.createInstance("defaults");

    assertThat(engine.activateOne("default-retries").getRetries()).isEqualTo(3);
  }

  @Test
  void typeAndRetriesMayBeFeelExpressionsOverTheInstanceVariables() {
    engine.deploy(Bpmn.createExecutableProcess("dynamic").startEvent()
        .serviceTask("notify", t -> t.zeebeJobTypeExpression("\"notify-\" + channel")
            .zeebeJobRetriesExpression("maxAttempts + 1"))
        .endEvent().done());
    engine.createInstance("dynamic", Map.of("channel", "sms", "maxAttempts", 4));

    ActivatedJob job = engine.activateOne("notify-sms");

    assertThat(job.getType()).isEqualTo("notify-sms");
    assertThat(job.getRetries()).isEqualTo(5);
  }

  @Test
  void customHeadersReachTheWorkerUnchanged() {
    engine.deploy(Bpmn.createExecutableProcess("headers").startEvent()
        .serviceTask("mail", t -> t.zeebeJobType("mail")
            .zeebeTaskHeader("template", "order-confirmation")
            .zeebeTaskHeader("channel", "email")
            .zeebeTaskHeader("expression-like", "=not evaluated"))
        .endEvent().done());
    engine.createInstance("headers");

    assertThat(engine.activateOne("mail").getCustomHeaders()).containsOnly(
        entry("template", "order-confirmation"),
        entry("channel", "email"),
        entry("expression-like", "=not evaluated"));
  }

  @Test
  void aSendTaskCreatesAJobLikeAServiceTask() {
    engine.deploy(Bpmn.createExecutableProcess("send").startEvent()
        .sendTask("notify", t -> t.zeebeJobType("send-message").zeebeJobRetries("2").zeebeTaskHeader("channel", "sms"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("send", Map.of());

    ActivatedJob job = engine.activateOne("send-message");
    assertThat(job.getElementId()).isEqualTo("notify");
    assertThat(job.getRetries()).isEqualTo(2);
    assertThat(job.getCustomHeaders()).containsOnly(entry("channel", "sms"));
    engine.complete(job, Map.of("messageId", "m-1"));

    assertThat(result.join().getVariablesAsMap()).containsEntry("messageId", "m-1");
  }

  @Test
  void completingAJobMovesTheTokenToTheNextTaskWhichSeesTheJobVariables() {
    engine.deploy(Bpmn.createExecutableProcess("chain").startEvent()
        .serviceTask("first", t -> t.zeebeJobType("first"))
        .serviceTask("second", t -> t.zeebeJobType("second"))
        .endEvent().done());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("chain", Map.of("n", 1));

    engine.assertNoJob("second");
    engine.completeNext("first", Map.of("fromFirst", "x"));
    ActivatedJob second = engine.activateOne("second");
    assertThat(second.getVariablesAsMap()).containsOnly(entry("n", 1), entry("fromFirst", "x"));
    engine.complete(second);

    assertThat(result.join().getVariablesAsMap()).containsOnly(entry("n", 1), entry("fromFirst", "x"));
  }

  @Test
  void aJobTypeExpressionThatYieldsNoStringRaisesAnIncidentThatResolvesOnceTheVariableExists() {
    engine.deploy(Bpmn.createExecutableProcess("no-type").startEvent()
        .serviceTask("notify", t -> t.zeebeJobTypeExpression("channel"))
        .endEvent().done());
    long instanceKey = engine.createInstance("no-type").getProcessInstanceKey();
    EngineHarness.Incident incident = engine.awaitIncident(instanceKey);
    assertThat(incident.errorType()).isEqualTo("EXTRACT_VALUE_ERROR");
    assertThat(incident.elementId()).isEqualTo("notify");
    assertThat(incident.jobKey()).isNull();

    engine.client().newSetVariablesCommand(instanceKey).variables(Map.of("channel", "email")).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob job = engine.activateOne("email");
    assertThat(job.getProcessInstanceKey()).isEqualTo(instanceKey);
    engine.complete(job);
    engine.awaitCompleted(instanceKey);
    assertThat(engine.incidents(instanceKey)).isEmpty();
  }
}
