package dev.journeys.engine.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An operator's retry over REST: an incident appears ACTIVE, retries go up, resolve, and it is RESOLVED. */
class IncidentRestTest {

  private final EngineHarness engine = EngineHarness.inMemory();
  private final CamundaClient client = engine.client();
  private long instanceKey;
  private ActivatedJob job;

  @BeforeEach
  void failAJobWithoutRetries() {
    engine.deploy(Journeys.order());
    instanceKey = engine.createInstance(Journeys.ORDER, Map.of("orderId", "o-1")).getProcessInstanceKey();
    job = engine.activateOne("send-confirmation");
    client.newFailCommand(job.getKey()).retries(0).errorMessage("SMTP down").send().join();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private List<Incident> incidents(IncidentState state) {
    return client.newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey).state(state))
        .send().join().items();
  }

  @Test
  void anIncidentAppearsActiveThenResolvedAfterRetriesAndResolve() {
    Incident incident = incidents(IncidentState.ACTIVE).get(0);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
    assertThat(incident.getErrorMessage()).isEqualTo("SMTP down");
    assertThat(incident.getElementId()).isEqualTo("confirm");
    assertThat(incident.getJobKey()).isEqualTo(job.getKey());
    assertThat(incident.getProcessDefinitionId()).isEqualTo(Journeys.ORDER);
    assertThat(incident.getCreationTime()).isNotNull();
    assertThat(client.newProcessInstanceGetRequest(instanceKey).send().join().getHasIncident()).isTrue();

    client.newUpdateRetriesCommand(job.getKey()).useRest().retries(2).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).useRest().send().join();

    assertThat(incidents(IncidentState.ACTIVE)).isEmpty();
    assertThat(client.newIncidentGetRequest(incident.getIncidentKey()).send().join().getState())
        .isEqualTo(IncidentState.RESOLVED);
    assertThat(client.newProcessInstanceGetRequest(instanceKey).send().join().getHasIncident()).isFalse();
    ActivatedJob again = engine.activateOne("send-confirmation");
    assertThat(again.getRetries()).isEqualTo(2);
  }

  @Test
  void theElementInstanceAndSearchesByTypeAndElementShowTheIncident() {
    long incidentKey = incidents(IncidentState.ACTIVE).get(0).getIncidentKey();

    assertThat(client.newIncidentSearchRequest()
        .filter(f -> f.errorType(IncidentErrorType.JOB_NO_RETRIES).elementId("confirm"))
        .send().join().items()).extracting(Incident::getIncidentKey).containsExactly(incidentKey);
    assertThat(client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(instanceKey).elementId("confirm"))
        .send().join().items()).singleElement().satisfies(task -> {
          assertThat(task.getIncident()).isTrue();
          assertThat(task.getIncidentKey()).isEqualTo(incidentKey);
        });
  }

  @Test
  void resolvingWhileTheJobHasNoRetriesIsAConflict() {
    long incidentKey = incidents(IncidentState.ACTIVE).get(0).getIncidentKey();

    ProblemException conflict = catchThrowableOfType(ProblemException.class,
        () -> client.newResolveIncidentCommand(incidentKey).useRest().send().join());

    assertThat(conflict.code()).isEqualTo(409);
    assertThat(conflict.details().getDetail()).startsWith("Expected to resolve incident with key").contains("retries");
    assertThat(incidents(IncidentState.ACTIVE)).hasSize(1);
  }

  @Test
  void unknownIncidentsAndJobsAreNotFound() {
    ProblemException get = catchThrowableOfType(ProblemException.class,
        () -> client.newIncidentGetRequest(99L).send().join());
    ProblemException resolve = catchThrowableOfType(ProblemException.class,
        () -> client.newResolveIncidentCommand(99L).useRest().send().join());
    ProblemException retries = catchThrowableOfType(ProblemException.class,
        () -> client.newUpdateRetriesCommand(99L).useRest().retries(1).send().join());

    assertThat(List.of(get.code(), resolve.code(), retries.code())).containsOnly(404);
  }
}
