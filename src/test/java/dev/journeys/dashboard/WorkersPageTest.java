package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobState;
import io.camunda.client.api.search.response.Job;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workers page on a known state: a job type nobody polls (two journeys wait at it), one a worker
 * polled a moment ago (one job held, one waiting), and one declared as served outside the app; read
 * through the page, its JSON, the silence window, and in camunda mode through Camunda's job search,
 * which the embedded engine answers for the jobs it holds.
 */
@JourneysAppTest
class WorkersPageTest {

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired ObjectMapper json;

  private final String id = "workers-" + UUID.randomUUID().toString().substring(0, 8);
  private final String nobody = id + "-loyalty";
  private final String served = id + "-erp";
  private final List<Long> instances = new ArrayList<>();
  private ActivatedJob held;

  @BeforeEach
  void twoTypes() {
    for (String type : List.of(nobody, served)) {
      camunda.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(type).startEvent()
          .serviceTask("step", t -> t.zeebeJobType(type)).endEvent().done(), type + ".bpmn").send().join();
      for (int i = 0; i < 2; i++) {
        instances.add(camunda.newCreateInstanceCommand().bpmnProcessId(type).latestVersion().send().join()
            .getProcessInstanceKey());
      }
    }
    List<ActivatedJob> jobs = camunda.newActivateJobsCommand().jobType(served).maxJobsToActivate(1)
        .workerName("erp-hook").send().join().getJobs();
    assertThat(jobs).hasSize(1);
    held = jobs.getFirst();
  }

  @AfterEach
  void cancel() {
    instances.forEach(key -> camunda.newCancelInstanceCommand(key).send().join());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String row(String page, String type) {
    return page.replaceAll("(?s).*?(<tr data-type=\"" + type + "\".*?</tr>).*", "$1");
  }

  @Test
  void marksTheTypeNobodyPollsAndShowsWhoServesTheOther() throws Exception {
    HttpResponse<String> response = get("/dashboard/workers");
    assertThat(response.statusCode()).isEqualTo(200);
    String page = response.body();
    assertThat(page).contains("href=\"/dashboard/workers\"");
    assertThat(row(page, nobody)).contains("data-unserved=\"true\"").contains("nobody serves it")
        .contains("<td class=\"num\">2</td>").contains("never");
    assertThat(row(page, served)).contains("data-unserved=\"false\"").doesNotContain("nobody serves it")
        .contains("erp-hook");
  }

  @Test
  void servesTheSameAsJson() throws Exception {
    JsonNode body = json.readTree(get("/api/workers").body());
    assertThat(body.get("source").asText()).isEqualTo("ENGINE_POLLS");
    JsonNode loyalty = type(body, nobody);
    assertThat(loyalty.get("waiting").asLong()).isEqualTo(2);
    assertThat(loyalty.get("oldestWaitingSince").isNull()).isFalse();
    assertThat(loyalty.get("lastPolledAt").isNull()).isTrue();
    assertThat(loyalty.get("unserved").asBoolean()).isTrue();
    JsonNode erp = type(body, served);
    assertThat(erp.get("waiting").asLong()).isEqualTo(1);
    assertThat(erp.get("activated").asLong()).isEqualTo(1);
    assertThat(erp.get("lastWorker").asText()).isEqualTo("erp-hook");
    assertThat(erp.get("unserved").asBoolean()).isFalse();
  }

  private static JsonNode type(JsonNode body, String type) {
    for (JsonNode row : body.get("types")) {
      if (row.get("type").asText().equals(type)) {
        return row;
      }
    }
    throw new AssertionError("no row for " + type + " in " + body);
  }

  @Test
  void aWorkerSilentLongerThanTheWindowCountsAsGoneAndDeclaredExternalTypesAreListed() {
    Clock threeMinutesLater = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3));
    String points = id + "-points";
    WorkerReads.Workers within = new WorkerReads(camunda, json, "embedded", Duration.ofMinutes(5),
        new String[] {points}, threeMinutesLater).read();
    WorkerReads.Workers beyond = new WorkerReads(camunda, json, "embedded", Duration.ofMinutes(2),
        new String[] {points}, threeMinutesLater).read();

    assertThat(find(within, served).unserved()).isFalse();
    assertThat(find(beyond, served).unserved()).isTrue();
    assertThat(find(beyond, served).oldestWaitingMinutes(threeMinutesLater.instant())).isBetween(2L, 4L);
    WorkerReads.JobType declared = find(beyond, points);
    assertThat(declared.external()).isTrue();
    assertThat(declared.waiting()).isZero();
    assertThat(declared.unserved()).as("no job waits for it").isFalse();
  }

  @Test
  void inCamundaModeCountsOpenJobsThroughTheJobSearch() {
    List<Job> found = camunda.newJobSearchRequest().filter(f -> f.type(served)).send().join().items();
    assertThat(found).hasSize(2).allSatisfy(job -> assertThat(job.getState()).isEqualTo(JobState.CREATED));
    assertThat(found).extracting(Job::getWorker).contains("erp-hook");
    assertThat(found).extracting(Job::getJobKey).contains(held.getKey());

    WorkerReads.Workers camundaMode = new WorkerReads(camunda, json, "camunda", Duration.ofMinutes(2),
        new String[0], Clock.systemUTC()).read();

    assertThat(camundaMode.source()).isEqualTo(WorkerReads.Source.CAMUNDA_JOB_SEARCH);
    assertThat(find(camundaMode, nobody).waiting()).isEqualTo(2);
    assertThat(find(camundaMode, served).waiting()).as("open: held or not").isEqualTo(2);
    assertThat(find(camundaMode, nobody).unserved()).as("no job of it ever completed").isTrue();
  }

  private static WorkerReads.JobType find(WorkerReads.Workers workers, String type) {
    return workers.types().stream().filter(t -> t.type().equals(type)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + workers.types()));
  }
}
