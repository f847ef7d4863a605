package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.security.WebSession;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signals page on the whole app: an admin broadcasts a signal with variables through the Camunda
 * client to the embedded engine, a waiting journey takes it, and the broadcast is listed with who
 * sent it; nobody else may send one, and a bad field is answered 400 naming it.
 */
@JourneysAppTest
class SignalPageTest {

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;

  private WebSession loggedIn(String user, String password) {
    WebSession session = new WebSession(port);
    assertThat(session.logIn(user, password).statusCode()).isEqualTo(302);
    return session;
  }

  private static HttpResponse<String> send(WebSession session, String form) {
    String csrf = session.csrfFrom("/dashboard/signals");
    return session.postForm("/dashboard/signals", "_csrf=" + WebSession.enc(csrf) + "&" + form);
  }

  @Test
  void anAdminBroadcastsASignalThatAWaitingJourneyTakesAndTheBroadcastIsRecorded() {
    String signal = "holiday-delays-" + UUID.randomUUID().toString().substring(0, 8);
    String journey = "signal-page-" + signal;
    camunda.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(journey).startEvent()
        .intermediateCatchEvent("delays").signal(signal)
        .serviceTask("tell", t -> t.zeebeJobType(journey)).endEvent().done(), journey + ".bpmn").send().join();
    long instance = camunda.newCreateInstanceCommand().bpmnProcessId(journey).latestVersion().send().join()
        .getProcessInstanceKey();

    WebSession admin = loggedIn("admin", TestCredentials.ADMIN_PASSWORD);
    assertThat(admin.get("/dashboard/signals").body()).contains("id=\"broadcast\"");
    HttpResponse<String> sent = send(admin, "signalName=" + WebSession.enc(signal)
        + "&variables=" + WebSession.enc("{\"delayDays\": 3}"));

    assertThat(sent.statusCode()).isEqualTo(302);
    List<ActivatedJob> jobs = await().atMost(Duration.ofSeconds(10)).until(() -> camunda.newActivateJobsCommand()
        .jobType(journey).maxJobsToActivate(1).send().join().getJobs(), list -> !list.isEmpty());
    assertThat(jobs.getFirst().getProcessInstanceKey()).isEqualTo(instance);
    assertThat(jobs.getFirst().getVariablesAsMap()).containsEntry("delayDays", 3);
    Map<String, Object> row = jdbc.sql("SELECT sent_by, variables, signal_key FROM dashboard_signal WHERE signal_name = ?")
        .param(signal).query().singleRow();
    assertThat(row).containsEntry("SENT_BY", "admin").containsEntry("VARIABLES", "{\"delayDays\":3}");
    assertThat((Long) row.get("SIGNAL_KEY")).isPositive();
    String page = admin.get("/dashboard/signals").body();
    assertThat(page).contains("Signal &#39;" + signal + "&#39; broadcast")
        .contains("data-name=\"" + signal + "\" data-by=\"admin\"");

    WebSession viewer = loggedIn("viewer", TestCredentials.VIEWER_PASSWORD);
    assertThat(viewer.get("/dashboard/signals").body()).as("the list is for every reader, the form is not")
        .contains("data-name=\"" + signal + "\"").doesNotContain("id=\"broadcast\"");
  }

  @Test
  void onlyAnAdminMayBroadcast() {
    String signal = "not-allowed-" + UUID.randomUUID().toString().substring(0, 8);
    for (String[] login : new String[][] {{"viewer", TestCredentials.VIEWER_PASSWORD},
        {"operator", TestCredentials.OPERATOR_PASSWORD}, {"marketer", TestCredentials.MARKETER_PASSWORD}}) {
      WebSession session = loggedIn(login[0], login[1]);
      assertThat(send(session, "signalName=" + signal).statusCode()).as("POST by %s", login[0]).isEqualTo(403);
    }
    assertThat(jdbc.sql("SELECT COUNT(*) FROM dashboard_signal WHERE signal_name = ?").param(signal)
        .query(Long.class).single()).isZero();
  }

  @Test
  void aBadFieldIsAnsweredWithItsName() {
    WebSession admin = loggedIn("admin", TestCredentials.ADMIN_PASSWORD);

    HttpResponse<String> notJson = send(admin, "signalName=x&variables=" + WebSession.enc("{\"days\": "));
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.body()).startsWith("Expected variables to be a JSON object");

    HttpResponse<String> notObject = send(admin, "signalName=x&variables=" + WebSession.enc("[1, 2]"));
    assertThat(notObject.statusCode()).isEqualTo(400);
    assertThat(notObject.body()).startsWith("Expected variables to be a JSON object").contains("array");

    HttpResponse<String> noName = send(admin, "signalName=+&variables=");
    assertThat(noName.statusCode()).isEqualTo(400);
    assertThat(noName.body()).startsWith("Expected signalName");
  }
}
