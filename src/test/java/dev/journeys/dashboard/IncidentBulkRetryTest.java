package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.security.WebSession;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Incidents of one kind retried at once from the incidents page, on the embedded engine through
 * the Camunda client: each is resolved with its job's retries back, the jobs run again, and the
 * incidents of another kind are left as they are.
 */
@JourneysAppTest
class IncidentBulkRetryTest {

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;

  private String journey;
  private String jobType;

  /** A journey with two steps that fail in turn; n instances of it, each with an incident at {@code element}. */
  private List<Long> incidentsAt(String element, int n) {
    List<Long> instances = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      instances.add(camunda.newCreateInstanceCommand().bpmnProcessId(journey).latestVersion()
          .variables(java.util.Map.of("failAt", element)).send().join().getProcessInstanceKey());
    }
    String type = jobType + "-" + element;
    List<ActivatedJob> jobs = await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newActivateJobsCommand()
        .jobType(type).maxJobsToActivate(n).send().join().getJobs(), list -> list.size() == n);
    for (ActivatedJob job : jobs) {
      camunda.newFailCommand(job).retries(0).errorMessage("the warehouse API is down").send().join();
    }
    return instances;
  }

  private List<Incident> open(String element) {
    return camunda.newIncidentSearchRequest()
        .filter(f -> f.processDefinitionId(journey).elementId(element).state(IncidentState.ACTIVE))
        .send().join().items();
  }

  private void deploy() {
    journey = "bulk-retry-" + UUID.randomUUID().toString().substring(0, 8);
    jobType = journey + "-work";
    var model = Bpmn.createExecutableProcess(journey).startEvent()
        .exclusiveGateway().condition("=failAt = \"reserve\"")
        .serviceTask("reserve", t -> t.zeebeJobType(jobType + "-reserve")).endEvent("reserved")
        .moveToLastExclusiveGateway().defaultFlow()
        .serviceTask("invoice", t -> t.zeebeJobType(jobType + "-invoice")).endEvent("invoiced")
        .done();
    camunda.newDeployResourceCommand().addProcessModel(model, journey + ".bpmn").send().join();
  }

  private WebSession loggedIn(String user, String password) {
    WebSession session = new WebSession(port);
    assertThat(session.logIn(user, password).statusCode()).isEqualTo(302);
    return session;
  }

  @Test
  void everyOpenIncidentOfOneKindIsRetriedAndItsJobRunsAgain() {
    deploy();
    List<Long> reserving = incidentsAt("reserve", 3);
    incidentsAt("invoice", 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> open("reserve").size() == 3 && open("invoice").size() == 1);

    WebSession viewer = loggedIn("viewer", TestCredentials.VIEWER_PASSWORD);
    String page = viewer.get("/dashboard/incidents").body();
    assertThat(page)
        .contains("data-journey=\"" + journey + "\" data-element=\"reserve\" data-type=\"JOB_NO_RETRIES\" data-count=\"3\"")
        .contains("data-journey=\"" + journey + "\" data-element=\"invoice\" data-type=\"JOB_NO_RETRIES\" data-count=\"1\"")
        .doesNotContain("retry-kind");
    String viewerCsrf = viewer.csrfFrom("/dashboard/incidents");
    assertThat(viewer.postForm("/dashboard/incidents/retry", "_csrf=" + WebSession.enc(viewerCsrf) + "&journey=" + journey
        + "&element=reserve&errorType=JOB_NO_RETRIES").statusCode()).as("a viewer may not retry").isEqualTo(403);
    assertThat(open("reserve")).hasSize(3);

    WebSession operator = loggedIn("operator", TestCredentials.OPERATOR_PASSWORD);
    assertThat(operator.get("/dashboard/incidents").body()).contains("Retry all 3");
    String csrf = operator.csrfFrom("/dashboard/incidents");
    HttpResponse<String> retried = operator.postForm("/dashboard/incidents/retry", "_csrf=" + WebSession.enc(csrf)
        + "&journey=" + journey + "&element=reserve&errorType=JOB_NO_RETRIES&retries=2");

    assertThat(retried.statusCode()).isEqualTo(302);
    assertThat(operator.get("/dashboard/incidents").body())
        .contains("Retried 3 of 3 open incident(s) of " + journey + " / reserve / JOB_NO_RETRIES; their jobs have 2 retries again.")
        .doesNotContain("could not be retried");
    assertThat(open("reserve")).isEmpty();
    assertThat(open("invoice")).as("another kind is left alone").hasSize(1);

    // The jobs run again, with the retries given back, and the journeys go on to their end.
    List<ActivatedJob> again = await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newActivateJobsCommand()
        .jobType(jobType + "-reserve").maxJobsToActivate(10).send().join().getJobs(), list -> list.size() == 3);
    assertThat(again).extracting(ActivatedJob::getRetries).containsOnly(2);
    assertThat(again).extracting(ActivatedJob::getProcessInstanceKey).containsExactlyInAnyOrderElementsOf(reserving);
    again.forEach(job -> camunda.newCompleteCommand(job).send().join());
    await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(journey).state(ProcessInstanceState.COMPLETED)).send().join()
        .items().size() == 3);
  }

  @Test
  void aBadKindIsRefusedNamingTheField() {
    WebSession operator = loggedIn("operator", TestCredentials.OPERATOR_PASSWORD);
    String csrf = "_csrf=" + WebSession.enc(operator.csrfFrom("/dashboard/incidents"));

    HttpResponse<String> noJourney = operator.postForm("/dashboard/incidents/retry", csrf + "&element=a&errorType=JOB_NO_RETRIES");
    assertThat(noJourney.statusCode()).isEqualTo(400);
    assertThat(noJourney.body()).isEqualTo("Expected journey (which open incidents to retry), but it is missing");
    HttpResponse<String> type = operator.postForm("/dashboard/incidents/retry", csrf + "&journey=j&element=a&errorType=BAD_LUCK");
    assertThat(type.statusCode()).isEqualTo(400);
    assertThat(type.body()).startsWith("Expected errorType to be one of UNSPECIFIED, UNKNOWN, IO_MAPPING_ERROR, JOB_NO_RETRIES")
        .endsWith("but got 'BAD_LUCK'");
    HttpResponse<String> retries = operator.postForm("/dashboard/incidents/retry",
        csrf + "&journey=j&element=a&errorType=JOB_NO_RETRIES&retries=0");
    assertThat(retries.statusCode()).isEqualTo(400);
    assertThat(retries.body()).isEqualTo("Expected retries between 1 and 100, but got 0");
  }
}
