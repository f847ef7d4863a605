package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incident and resolve cycle: ResolveIncident, with UpdateJobRetries for job incidents. */
class IncidentTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @BeforeEach
  void deploy() {
    engine.deploy(Bpmn.createExecutableProcess("mail").startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-mail"))
        .endEvent().done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private EngineHarness.Incident failWithoutRetries(ActivatedJob job) {
    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("SMTP down").send().join();
    return engine.awaitIncident(job.getProcessInstanceKey());
  }

  @Test
  void resolvingAJobIncidentWhileTheJobHasNoRetriesIsAFailedPrecondition() {
    engine.createInstance("mail");
    ActivatedJob job = engine.activateOne("send-mail");
    EngineHarness.Incident incident = failWithoutRetries(job);

    Rpc.failsWith(Status.Code.FAILED_PRECONDITION,
        () -> engine.client().newResolveIncidentCommand(incident.key()).send().join());

    assertThat(engine.incidents(job.getProcessInstanceKey())).extracting(EngineHarness.Incident::key)
        .containsExactly(incident.key());
    engine.assertNoJob("send-mail");
  }

  @Test
  void updatingRetriesThenResolvingMakesTheJobActivatableAndTheInstanceCompletes() {
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("mail", Map.of("orderId", "o-1"));
    ActivatedJob job = engine.activateOne("send-mail");
    EngineHarness.Incident incident = failWithoutRetries(job);

    engine.client().newUpdateRetriesCommand(job.getKey()).retries(2).send().join();
    engine.assertNoJob("send-mail");
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob again = engine.activateOne("send-mail");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    assertThat(engine.incidents(job.getProcessInstanceKey())).isEmpty();
    engine.complete(again, Map.of("sent", true));
    assertThat(result.join().getVariablesAsMap()).containsEntry("orderId", "o-1").containsEntry("sent", true);
  }

  @Test
  void aJobInAnIncidentCannotBeCompleted() {
    long instance = engine.createInstance("mail").getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("send-mail");
    failWithoutRetries(job);

    Rpc.failsWith(Status.Code.FAILED_PRECONDITION, () -> engine.complete(job));

    assertThat(engine.isActive(instance)).isTrue();
  }

  @Test
  void resolvingAnUnhandledErrorIncidentRetriesTheJob() {
    CamundaFuture<ProcessInstanceResult> result = engine.createWithResult("mail", Map.of());
    ActivatedJob job = engine.activateOne("send-mail");
    engine.client().newThrowErrorCommand(job.getKey()).errorCode("BOUNCED").send().join();
    EngineHarness.Incident incident = engine.awaitIncident(job.getProcessInstanceKey());
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");

    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob again = engine.activateOne("send-mail");
    assertThat(again.getKey()).isEqualTo(job.getKey());
    engine.complete(again);
    result.join();
  }

  @Test
  void resolvingAnUnknownIncidentIsNotFound() {
    String message = Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newResolveIncidentCommand(2251799813685249L + 55_555).send().join());

    assertThat(message).contains(String.valueOf(2251799813685249L + 55_555));
  }

  @Test
  void resolvingTheSameIncidentTwiceIsNotFoundTheSecondTime() {
    long instance = engine.createInstance("mail").getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("send-mail");
    EngineHarness.Incident incident = failWithoutRetries(job);
    engine.client().newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();

    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newResolveIncidentCommand(incident.key()).send().join());
    assertThat(engine.isActive(instance)).isTrue();
  }

  @Test
  void cancellingAnInstanceRemovesItsIncidents() {
    long instance = engine.createInstance("mail").getProcessInstanceKey();
    EngineHarness.Incident incident = failWithoutRetries(engine.activateOne("send-mail"));

    engine.client().newCancelInstanceCommand(instance).send().join();

    assertThat(engine.incidents(instance)).isEmpty();
    Rpc.failsWith(Status.Code.NOT_FOUND,
        () -> engine.client().newResolveIncidentCommand(incident.key()).send().join());
  }

  @Test
  void anIncidentInOneInstanceDoesNotHoldUpAnother() {
    long stuck = engine.createInstance("mail").getProcessInstanceKey();
    failWithoutRetries(engine.activateOne("send-mail"));

    CamundaFuture<ProcessInstanceResult> other = engine.createWithResult("mail", Map.of());
    engine.completeNext("send-mail", Map.of());

    assertThat(other.join().getProcessInstanceKey()).isNotEqualTo(stuck);
    assertThat(engine.isActive(stuck)).isTrue();
  }
}
