package dev.journeys.simulate;

import dev.journeys.TestCredentials;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * POST /api/simulations on a running app: the timeline as JSON, 400 naming the field and line of a
 * bad scenario, and nothing of the simulation in the running app's own database.
 */
@JourneysAppTest
class SimulationApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private HttpResponse<String> post(String contentType, String body) throws IOException, InterruptedException {
    return post(contentType, body, "");
  }

  private HttpResponse<String> post(String contentType, String body, String query)
      throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/simulations" + query))
            .header("Content-Type", contentType)
            .header("Authorization", TestCredentials.bearer(TestCredentials.OPERATOR_TOKEN)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aYamlScenarioAnswersItsTimelineAndLeavesTheAppAlone() throws Exception {
    String scenario = Files.readString(Path.of("examples/scenarios/cancelled-after-shipping.yaml"));
    var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var levelBefore = root.getLevel();
    int appendersBefore = appenders(root);

    HttpResponse<String> answer = post("application/yaml", scenario);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode timeline = JSON.readTree(answer.body());
    List<String> sent = new ArrayList<>();
    for (JsonNode entry : timeline.path("entries")) {
      if (entry.path("what").asText().equals("MESSAGE") && entry.path("status").asText().equals("SENT")) {
        sent.add(entry.path("template").asText() + " " + entry.path("local").asText());
      }
    }
    assertThat(sent).containsExactly("order-confirmation Mon 2026-03-02 10:00",
        "shipping-update Tue 2026-03-03 10:00", "cancellation-notice Wed 2026-03-04 10:00");
    assertThat(timeline.path("timeZone").asText()).isEqualTo("Europe/Berlin");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM orders WHERE order_id = 'A-3003'").query(Integer.class).single())
        .as("the simulation ran on a database of its own").isZero();
    assertThat(root.getLevel()).as("the app's logging is not reconfigured").isEqualTo(levelBefore);
    assertThat(appenders(root)).isEqualTo(appendersBefore).isPositive();
  }

  /**
   * The studio's simulate button asks for the drafts: a message template's saved draft (not
   * published) is what the simulated customer receives, so a marketer sees a wording before
   * publishing it; without the drafts the same simulation renders the published text.
   */
  @Test
  void withDraftsTheSimulationRendersTheTemplateDraftsBeingEdited() throws Exception {
    String draft = "/api/studio/templates/cancellation-notice/en/draft";
    var saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + draft))
        .header("Content-Type", "application/json")
        .header("Authorization", TestCredentials.bearer(TestCredentials.MARKETER_TOKEN))
        .PUT(HttpRequest.BodyPublishers.ofString(
            "{\"parts\": {\".subject.txt\": \"Draft wording: [(${orderId})] is cancelled\"}}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    try {
      String scenario = Files.readString(Path.of("examples/scenarios/cancelled-after-shipping.yaml"));
      HttpResponse<String> answer = post("application/yaml", scenario, "?templates=drafts");
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(subjects(JSON.readTree(answer.body()))).containsExactly("Your order A-3003 is confirmed",
          "Draft wording: A-3003 is cancelled");
      assertThat(post("application/yaml", scenario, "?templates=nonsense").statusCode()).isEqualTo(400);
    } finally {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + draft))
          .header("Authorization", TestCredentials.bearer(TestCredentials.MARKETER_TOKEN)).DELETE().build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** The subjects of the messages sent but the shipping update (the customer has an email address only). */
  private static List<String> subjects(JsonNode timeline) {
    List<String> subjects = new ArrayList<>();
    for (JsonNode entry : timeline.path("entries")) {
      if (entry.path("what").asText().equals("MESSAGE") && entry.path("status").asText().equals("SENT")
          && !entry.path("template").asText().equals("shipping-update")) {
        subjects.add(entry.path("subject").asText());
      }
    }
    return subjects;
  }

  private static int appenders(ch.qos.logback.classic.Logger logger) {
    int count = 0;
    for (var it = logger.iteratorForAppenders(); it.hasNext(); it.next()) {
      count++;
    }
    return count;
  }

  @Test
  void aBadScenarioIsRefusedNamingFieldAndLine() throws Exception {
    String scenario = """
        customer:
          email: a@example.com
        order:
          items:
            - name: Mug
              unitPrice: 3
        events:
          - +2d shiped
        """;
    HttpResponse<String> answer = post("application/yaml", scenario);

    assertThat(answer.statusCode()).isEqualTo(400);
    JsonNode problem = JSON.readTree(answer.body());
    assertThat(problem.path("line").asInt()).isEqualTo(8);
    assertThat(problem.path("fields").path("events[0]").asText()).startsWith("expected an event, one of [shipped");
  }

  @Test
  void anOrderTheShopApiWouldRefuseIsRefusedNamingTheScenarioField() throws Exception {
    String scenario = """
        {"customer": {"email": "not-an-address"}, "order": {"items": [{"name": "Mug", "unitPrice": 3}]}}""";
    HttpResponse<String> answer = post("application/json", scenario);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("fields").path("customer.email").asText())
        .contains("well-formed email address");
  }
}
