package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.journey.Journeys;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The funnel page, its CSV and JSON over HTTP, on a journey of its own with a known history: v1 ran
 * four journeys (two completed, one cancelled, one erased through the app's erasure path), v2 two that
 * still wait at the confirmation; and the same version read as in camunda mode, from Camunda's statistics.
 */
@JourneysAppTest
class FunnelPageTest {

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired Journeys journeys;
  @Autowired ObjectMapper json;

  private final String id = "funnel-demo-" + UUID.randomUUID().toString().substring(0, 8);
  private final String confirmJob = id + "-confirm";
  private long v1;

  private BpmnModelInstance model(boolean thanks) {
    var flow = Bpmn.createExecutableProcess(id).startEvent("placed").name("Order placed")
        .serviceTask("confirm", t -> t.name("Send, confirmation").zeebeJobType(confirmJob));
    return (thanks ? flow.serviceTask("thank", t -> t.name("Say thanks").zeebeJobType(id + "-thanks")) : flow)
        .endEvent("done").name("Done").done();
  }

  private long deploy(BpmnModelInstance model) {
    return camunda.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join()
        .getProcesses().getFirst().getProcessDefinitionKey();
  }

  private long start() {
    return camunda.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join().getProcessInstanceKey();
  }

  @BeforeEach
  void history() {
    v1 = deploy(model(false));
    for (int i = 0; i < 4; i++) {
      start();
    }
    var jobs = camunda.newActivateJobsCommand().jobType(confirmJob).maxJobsToActivate(4).send().join().getJobs();
    assertThat(jobs).hasSize(4);
    camunda.newCompleteCommand(jobs.get(0).getKey()).send().join();
    camunda.newCompleteCommand(jobs.get(1).getKey()).send().join();
    camunda.newCancelInstanceCommand(jobs.get(2).getProcessInstanceKey()).send().join();
    assertThat(journeys.cancelForErasure(jobs.get(3).getProcessInstanceKey())).isTrue();
    deploy(model(true));
    start();
    start();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String row(String page, String elementId) {
    return page.replaceAll("(?s).*?(<tr data-element-id=\"" + elementId + "\">.*?</tr>).*", "$1");
  }

  @Test
  void showsWhereEachJourneyOfTheVersionWentAndEndedOnTheDiagramAndInTheTable() throws Exception {
    HttpResponse<String> response = get("/dashboard/results/funnel?journey=" + id + "&version=1");
    assertThat(response.statusCode()).isEqualTo(200);
    String page = response.body();
    assertThat(page).contains("<span class=\"value\" id=\"started\">4</span>")
        .contains("<span class=\"value\" id=\"completed\">2</span>")
        .contains("<span class=\"value\" id=\"cancelled\">1</span>")
        .contains("<span class=\"value\" id=\"erased\">1</span>")
        .contains("id=\"precision\"").doesNotContain("id=\"not-available\"")
        .contains("data-element-id=\"confirm\" data-note=\"4 · 100.0%\"")
        .contains("data-element-id=\"done\" data-note=\"2 · 50.0%\"");
    assertThat(row(page, "confirm")).contains("<td class=\"num reached\">4</td>")
        .contains("<td class=\"num median\">under 1 s</td>")
        .contains("<td class=\"num completed\">0</td>").contains("<td class=\"num cancelled\">1</td>")
        .contains("<td class=\"num erased\">1</td>");
    assertThat(row(page, "done")).contains("<td class=\"num rate\">50.0%</td>")
        .contains("<td class=\"num completed\">2</td>");
  }

  @Test
  void comparesTwoVersionsStepByStep() throws Exception {
    String page = get("/dashboard/results/funnel?journey=" + id + "&version=2&compare=1").body();

    assertThat(page).contains("<span class=\"value\" id=\"started\">2</span>")
        .contains("<span id=\"other-started\">4</span>");
    String comparison = page.substring(page.indexOf("id=\"compare-table\""));
    assertThat(row(comparison, "done")).contains("<td class=\"num shown-rate\">0.0%</td>")
        .contains("<td class=\"num other-rate\">50.0%</td>").contains("<td class=\"num change\">-50.0 pts</td>");
    assertThat(row(comparison, "confirm")).contains("<td class=\"num change\">+0.0 pts</td>");
    assertThat(row(comparison, "thank")).as("only v2 has it; its journeys still wait before it")
        .contains("<td class=\"num shown-rate\">0.0%</td>")
        .contains("<td class=\"num other-rate\"></td>");
  }

  @Test
  void downloadsTheTableAsCsvAndServesItAsJson() throws Exception {
    HttpResponse<String> csv = get("/dashboard/results/funnel.csv?journey=" + id + "&version=2&compare=1");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).isEqualTo("journey,version,element_id,element_name,reached,times_entered,reached_percent,"
        + "since_start_median_seconds,since_start_p90_seconds,completed_here,cancelled_here,erased_here,incidents_now");
    assertThat(lines).contains(id + ",1,confirm,\"Send, confirmation\",4,4,100.0,0.5,0.5,0,1,1,0")
        .contains(id + ",1,done,Done,2,2,50.0,0.5,0.5,2,0,0,0")
        .contains(id + ",2,thank,Say thanks,0,0,0.0,,,0,0,0,0")
        .hasSize(1 + 3 + 4);
    assertThat(get("/dashboard/results/funnel?format=csv&journey=" + id + "&version=1").body())
        .isEqualTo(get("/api/results/funnel?format=csv&journey=" + id + "&version=1").body());

    JsonNode api = json.readTree(get("/api/results/funnel?journey=" + id + "&version=1&compare=2").body());
    assertThat(api.get("source").asText()).isEqualTo("engine-counters");
    assertThat(api.get("journeys").get("erased").asLong()).isEqualTo(1);
    assertThat(api.get("compare").get("journeys").get("started").asLong()).isEqualTo(2);
  }

  @Test
  void inCamundaModeCountsComeFromTheStatisticsAndWhatIsMissingStaysEmpty() {
    FunnelReads camundaMode = new FunnelReads(camunda, json, "camunda");
    DiagramSvg diagram = DiagramSvg.parse(camunda.newProcessDefinitionGetXmlRequest(v1).send().join());

    FunnelReads.Funnel funnel = camundaMode.read(v1, diagram);

    assertThat(funnel.source()).isEqualTo(FunnelReads.Source.CAMUNDA_STATISTICS);
    assertThat(funnel.journeys()).isEqualTo(new FunnelReads.Journeys(4, 2, 2, null, 0));
    assertThat(funnel.step("confirm")).isEqualTo(new FunnelReads.Step(4, 4, null, null, 0, 2, null, 0));
    assertThat(funnel.step("done")).isEqualTo(new FunnelReads.Step(2, 2, null, null, 2, 0, null, 0));
  }

  @Test
  void badInputSaysWhichFieldIsWrong() throws Exception {
    HttpResponse<String> notANumber = get("/api/results/funnel?journey=" + id + "&version=abc");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(notANumber.body()).contains("version");
    HttpResponse<String> missing = get("/api/results/funnel?journey=" + id + "&compare=9");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("version: journey '" + id + "' has no version 9");
    assertThat(get("/dashboard/results/funnel?journey=no-such-journey").statusCode()).isEqualTo(400);
  }
}
