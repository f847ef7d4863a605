package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Core scenarios that exercise every engine table, run against each durable store (H2 file,
 * PostgreSQL) by the subclasses.
 */
abstract class StoreScenarios {

  protected EngineHarness engine;

  /** A fresh, empty database for one test; may skip the test through an assumption. */
  protected abstract DataSource openDatabase() throws Exception;

  /** Releases what {@link #openDatabase()} created. */
  protected void closeDatabase() throws Exception {}

  @BeforeEach
  void startEngine() throws Exception {
    engine = EngineHarness.on(openDatabase());
  }

  @AfterEach
  void stopEngine() throws Exception {
    try {
      if (engine != null) {
        engine.close();
      }
    } finally {
      closeDatabase();
    }
  }

  private static BpmnModelInstance notification() {
    return Bpmn.createExecutableProcess("notification").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeTaskHeader("template", "order-confirmation"))
        .endEvent().done();
  }

  /** confirm → call notification → xor(courier | post) → xor merge → parallel(pack, invoice) → subprocess(ask) → end. */
  private static BpmnModelInstance postPurchase() {
    return Bpmn.createExecutableProcess("post-purchase").startEvent()
        .serviceTask("confirm", t -> t.zeebeJobType("confirm").zeebeOutputExpression("confirmationId", "confirmation"))
        .callActivity("notify", c -> c.zeebeProcessId("notification"))
        .exclusiveGateway("route")
        .defaultFlow()
        .serviceTask("post", t -> t.zeebeJobType("post"))
        .exclusiveGateway("merge")
        .parallelGateway("fork")
        .serviceTask("pack", t -> t.zeebeJobType("pack"))
        .parallelGateway("join")
        .subProcess("feedback", s -> s.zeebeInputExpression("orderId", "subject"))
        .embeddedSubProcess().startEvent()
        .serviceTask("ask", t -> t.zeebeJobType("ask"))
        .endEvent()
        .subProcessDone()
        .endEvent()
        .moveToNode("fork")
        .serviceTask("invoice", t -> t.zeebeJobType("invoice"))
        .connectTo("join")
        .moveToNode("route")
        .conditionExpression("express = true")
        .serviceTask("courier", t -> t.zeebeJobType("courier"))
        .connectTo("merge")
        .done();
  }

  @Test
  void aJourneyThroughEveryElementKindCompletes() {
    engine.deploy(notification());
    engine.deploy(postPurchase());
    CamundaFuture<ProcessInstanceResult> result =
        engine.createWithResult("post-purchase", Map.of("orderId", "o-1", "express", true));

    engine.completeNext("confirm", Map.of("confirmationId", "c-1", "scratch", "dropped"));
    ActivatedJob send = engine.activateOne("send-message");
    assertThat(send.getCustomHeaders()).containsEntry("template", "order-confirmation");
    assertThat(send.getVariablesAsMap()).containsEntry("confirmation", "c-1").doesNotContainKey("scratch");
    engine.complete(send, Map.of("messageId", "m-1"));
    engine.completeNext("courier", Map.of());
    engine.completeNext("pack", Map.of("parcel", "p-1"));
    engine.assertNoJob("ask");
    engine.completeNext("invoice", Map.of());
    ActivatedJob ask = engine.activateOne("ask");
    assertThat(ask.getVariablesAsMap()).containsEntry("subject", "o-1");
    engine.complete(ask, Map.of("rating", 5));

    assertThat(result.join().getVariablesAsMap()).containsOnly(
        entry("orderId", "o-1"), entry("express", true), entry("confirmation", "c-1"),
        entry("messageId", "m-1"), entry("parcel", "p-1"), entry("rating", 5));
    engine.assertNoJob("post");
  }

  @Test
  void deploymentsAreVersionedAndAtomic() {
    String v1 = Bpmn.convertToString(notification());
    assertThat(engine.deployXml("notification.bpmn", v1).getProcesses().get(0).getVersion()).isEqualTo(1);
    assertThat(engine.deployXml("notification.bpmn", v1).getProcesses().get(0).getVersion()).isEqualTo(1);
    String v2 = Bpmn.convertToString(Bpmn.createExecutableProcess("notification").startEvent().endEvent().done());

    Rpc.failsWith(Status.Code.INVALID_ARGUMENT, () -> engine.client().newDeployResourceCommand()
        .addResourceStringUtf8(v2, "notification.bpmn")
        .addResourceStringUtf8("<not-bpmn", "broken.bpmn")
        .send().join());

    assertThat(engine.deployXml("notification.bpmn", v2).getProcesses().get(0).getVersion()).isEqualTo(2);
  }

  @Test
  void anIncidentIsStoredAndResolvedAfterRetriesAreUpdated() {
    engine.deploy(notification());
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("notification", Map.of());
    ActivatedJob job = engine.activateOne("send-message");
    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("SMTP down").send().join();
    EngineHarness.Incident incident = engine.awaitIncident(job.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    Rpc.failsWith(Status.Code.FAILED_PRECONDITION,
        () -> engine.client().newResolveIncidentCommand(incident.key()).send().join());

    engine.client().newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    engine.completeNext("send-message", Map.of());
    result.join();
    assertThat(engine.incidents(job.getProcessInstanceKey())).isEmpty();
  }

  @Test
  void aJourneyContinuesAfterARestartAndATakenJobComesBackAfterItsTimeout() {
    engine.deploy(notification());
    engine.deploy(postPurchase());
    long instance = engine.createInstance("post-purchase", Map.of("orderId", "o-2", "express", false))
        .getProcessInstanceKey();
    engine.completeNext("confirm", Map.of("confirmationId", "c-2"));
    ActivatedJob send = engine.client().newActivateJobsCommand().jobType("send-message").maxJobsToActivate(1)
        .timeout(Duration.ofSeconds(1)).requestTimeout(EngineHarness.WAIT).send().join().getJobs().get(0);

    engine.stop();
    engine.start();

    ActivatedJob again = engine.activateOne("send-message");
    assertThat(again.getKey()).isEqualTo(send.getKey());
    assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(send.getDeadline());
    engine.complete(again);
    engine.completeNext("post", Map.of());
    engine.completeNext("pack", Map.of());
    engine.completeNext("invoice", Map.of());
    engine.completeNext("ask", Map.of());
    engine.awaitCompleted(instance);
  }

  @Test
  void cancellingAParentEndsItsCalledChild() {
    engine.deploy(notification());
    engine.deploy(postPurchase());
    long instance = engine.createInstance("post-purchase", Map.of("orderId", "o-3", "express", true))
        .getProcessInstanceKey();
    engine.completeNext("confirm", Map.of());
    ActivatedJob send = engine.activateOne("send-message");

    engine.client().newCancelInstanceCommand(instance).send().join();

    assertThat(engine.isActive(send.getProcessInstanceKey())).isFalse();
    Rpc.failsWith(Status.Code.NOT_FOUND, () -> engine.complete(send));
  }
}
