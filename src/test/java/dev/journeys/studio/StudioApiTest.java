package dev.journeys.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The studio's API as a marketer's program would call it (bearer token, role marketer): lint
 * findings name the element, a draft is kept, publishing makes the next version the one new
 * journeys start, rolling back publishes an earlier one again, and every change is audited. The
 * marketer may do nothing of admin's or operator's. A context of its own: it publishes
 * post-purchase versions other tests should not see.
 */
@JourneysAppTest
@TestPropertySource(properties = "journeys.test.context=studio")
class StudioApiTest {

  static final String JOURNEY = "/api/studio/journeys/post-purchase";

  @LocalServerPort int port;
  @Autowired CamundaClient client;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aMarketerMayUseTheStudioButNothingOfAdminOrOperator() throws Exception {
    String marketer = TestCredentials.MARKETER_TOKEN;
    assertThat(send("GET", JOURNEY, null, marketer).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/studio/element-templates", null, marketer).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/api/admin/erasures", null, marketer).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/admin/customers/C-1/erasure", "", marketer).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/inbox/1/retry", "", marketer).statusCode()).as("operator's").isEqualTo(403);
    assertThat(send("GET", "/actuator/env", null, marketer).statusCode()).isEqualTo(403);
    assertThat(send("GET", "/api/outbox?orderId=A-1", null, marketer).statusCode()).as("reads what a viewer reads")
        .isEqualTo(200);

    assertThat(send("GET", JOURNEY, null, TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(403);
    assertThat(send("GET", JOURNEY, null, TestCredentials.OPERATOR_TOKEN).statusCode()).isEqualTo(403);
    assertThat(send("GET", JOURNEY, null, TestCredentials.ADMIN_TOKEN).statusCode()).as("admin includes marketer")
        .isEqualTo(200);
  }

  /** The editor's 2.8 MB bundle is cached by the browser (a year; its link changes with its content). */
  @Test
  void theEditorsBundleIsCachedNotFetchedOnEveryLoad() throws Exception {
    var bundle = send("GET", "/vendor/camunda-bpmn-js/camunda-cloud-modeler.production.min.js", null,
        TestCredentials.MARKETER_TOKEN);
    assertThat(bundle.statusCode()).isEqualTo(200);
    assertThat(bundle.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000")
        .doesNotContain("no-store");
  }

  @Test
  void lintDraftPublishAndRollBackAreAuditedAndNewJourneysStartTheNewVersion() throws Exception {
    String token = TestCredentials.MARKETER_TOKEN;
    JsonNode before = json.readTree(send("GET", JOURNEY, null, token).body());
    int running = before.at("/versions/0/version").asInt();
    String xml = send("GET", JOURNEY + "/xml", null, token).body();
    assertThat(xml).contains("id=\"send_order_confirmation\"");

    String wrongType = xml.replaceFirst("type=\"send-message\"", "type=\"send-mesage\"");
    JsonNode lint = json.readTree(send("POST", JOURNEY + "/lint", wrongType, token).body());
    assertThat(lint.get("errors").asInt()).isEqualTo(1);
    assertThat(lint.at("/findings/0/elementId").asText()).isEqualTo("send_order_confirmation");
    assertThat(lint.at("/findings/0/problem").asText()).contains("send-mesage");
    var refused = send("POST", JOURNEY + "/publish", wrongType, token);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("send_order_confirmation");

    String renamed = rename(xml, "Confirm the order (API)");
    JsonNode diff = json.readTree(send("POST", JOURNEY + "/diff", renamed, token).body());
    assertThat(diff).hasSize(1);
    assertThat(diff.at("/0/elementId").asText()).isEqualTo("send_order_confirmation");
    assertThat(diff.at("/0/change").asText()).isEqualTo("changed");

    assertThat(send("PUT", JOURNEY + "/draft", renamed, token).statusCode()).isEqualTo(200);
    assertThat(send("GET", JOURNEY + "/draft", null, token).body()).contains("Confirm the order (API)");
    assertThat(json.readTree(send("GET", JOURNEY, null, token).body()).at("/draft/savedBy").asText())
        .isEqualTo("token:test-marketer");

    var published = send("POST", JOURNEY + "/publish?openedVersion=" + running, renamed, token);
    assertThat(published.statusCode()).isEqualTo(201);
    JsonNode version = json.readTree(published.body());
    assertThat(version.get("version").asInt()).isEqualTo(running + 1);
    assertThat(send("GET", JOURNEY + "/draft", null, token).statusCode()).as("published: the draft is done")
        .isEqualTo(404);
    var started = client.newCreateInstanceCommand().bpmnProcessId("post-purchase").latestVersion()
        .variables(java.util.Map.of("orderId", "studio-api-1", "customerId", "C-studio")).send().join();
    // no such order: the journey is only looked at, then cancelled before its first step fails
    client.newCancelInstanceCommand(started.getProcessInstanceKey()).send().join();
    assertThat(started.getProcessDefinitionKey()).as("a new journey starts the published version")
        .isEqualTo(version.get("key").asLong());

    var outdated = send("POST", JOURNEY + "/publish?openedVersion=" + running, rename(xml, "Confirm it"), token);
    assertThat(outdated.statusCode()).as("version %d was opened, %d is the latest now", running, running + 1)
        .isEqualTo(409);
    assertThat(outdated.body()).contains("version " + (running + 1) + " was published by token:test-marketer at ")
        .contains("reload");
    assertThat(json.readTree(outdated.body()).get("draftKept").asBoolean()).isTrue();
    assertThat(send("GET", JOURNEY + "/draft", null, token).body()).as("the refused model is the draft")
        .contains("Confirm it");
    assertThat(send("DELETE", JOURNEY + "/draft", null, token).statusCode()).isEqualTo(204);

    var rolledBack = send("POST", JOURNEY + "/rollback?version=" + running, "", token);
    assertThat(rolledBack.statusCode()).isEqualTo(201);
    assertThat(json.readTree(rolledBack.body()).get("version").asInt()).isEqualTo(running + 2);
    assertThat(send("GET", JOURNEY + "/xml", null, token).body()).as("version %d's model again", running)
        .isEqualTo(xml);

    List<String> actions = new ArrayList<>();
    json.readTree(send("GET", JOURNEY + "/audit", null, token).body()).forEach(e -> {
      assertThat(e.get("at").asText()).isNotBlank();
      actions.add(e.get("actor").asText() + " " + e.get("action").asText()
          + (e.get("version").isNull() ? "" : " v" + e.get("version").asInt()));
    });
    assertThat(actions).as("newest first").containsSubsequence("token:test-marketer rolled-back v" + (running + 2),
        "token:test-marketer published v" + (running + 1), "token:test-marketer draft-saved");
  }

  @Test
  void aDraftMustBeTheJourneyItEdits() throws Exception {
    String other = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" id=\"d\" targetNamespace=\"t\">"
        + "<process id=\"another\" isExecutable=\"true\"><startEvent id=\"s\"/></process></definitions>";
    var response = send("PUT", JOURNEY + "/draft", other, TestCredentials.MARKETER_TOKEN);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("post-purchase").contains("another");
  }

  /**
   * A message template created in the studio (on no disk) is known to the linter once published: a
   * step naming it has no finding; one naming a template that exists nowhere has.
   */
  @Test
  void aTemplateMadeInTheStudioIsKnownToTheLinter() throws Exception {
    String token = TestCredentials.MARKETER_TOKEN;
    for (String locale : List.of("en", "zh-CN")) {
      String parts = json.writeValueAsString(java.util.Map.of("parts", java.util.Map.of(
          ".subject.txt", "Winter sale for order [(${orderId})]", ".txt", "It is on: [(${orderId})]",
          ".html", "<p>It is on: <span th:text=\"${orderId}\">1</span></p>")));
      var publish = send("POST", "/api/studio/templates/studio-only-sale/" + locale + "/publish", parts, token,
          "application/json");
      assertThat(publish.statusCode()).as(publish.body()).isEqualTo(201);
    }
    String xml = send("GET", JOURNEY + "/xml", null, token).body();
    String studioOnly = xml.replaceFirst("value=\"order-confirmation\"", "value=\"studio-only-sale\"");
    JsonNode known = json.readTree(send("POST", JOURNEY + "/lint", studioOnly, token).body());
    assertThat(known.get("errors").asInt()).as(known.toString()).isZero();

    String nowhere = xml.replaceFirst("value=\"order-confirmation\"", "value=\"nowhere-sale\"");
    JsonNode unknown = json.readTree(send("POST", JOURNEY + "/lint", nowhere, token).body());
    assertThat(unknown.get("errors").asInt()).isEqualTo(6);
    List<String> problems = new ArrayList<>();
    unknown.get("findings").forEach(f -> problems.add(f.get("elementId").asText() + ": " + f.get("problem").asText()));
    assertThat(problems).filteredOn(p -> p.contains("nowhere-sale/")).hasSize(6)
        .allSatisfy(p -> assertThat(p).startsWith("send_order_confirmation: ").contains("does not exist"));
  }

  /** The order confirmation step renamed (another test in this context may have renamed it before). */
  private static String rename(String xml, String name) {
    String renamed = xml.replaceFirst("(<serviceTask id=\"send_order_confirmation\" name=\")[^\"]*\"", "$1" + name + "\"");
    assertThat(renamed).isNotEqualTo(xml);
    return renamed;
  }

  private HttpResponse<String> send(String method, String path, String xml, String token) throws Exception {
    return send(method, path, xml, token, "application/xml");
  }

  private HttpResponse<String> send(String method, String path, String body, String token, String type)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestCredentials.bearer(token));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
