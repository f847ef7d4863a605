package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The dashboard's simulation page: an example scenario in, the customer's timeline out. */
@JourneysAppTest
class SimulationPageTest {

  @LocalServerPort int port;

  @Test
  void offersTheExamplesAndShowsTheTimelineOfAScenario() throws Exception {
    HttpResponse<String> page = get("/dashboard/simulate?example=happy-path", TestCredentials.VIEWER_TOKEN);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("happy-path").contains("zh-cn-customer").contains("name: Happy path, rated 5");

    String scenario = Files.readString(Path.of("examples/scenarios/happy-path.yaml"));
    HttpResponse<String> result = post(scenario, TestCredentials.OPERATOR_TOKEN);

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.body()).contains("id=\"result\"")
        .containsPattern("data-what=\"MESSAGE\" data-status=\"SENT\">\\s*<td>[^<]+</td><td>[^<]+</td>\\s*<td>order-confirmation</td><td>email</td>")
        .contains("anniversary-thank-you")
        .contains("srcdoc=");
  }

  @Test
  void aBadScenarioIsAnsweredWithItsLineAndField() throws Exception {
    HttpResponse<String> result = post("name: broken\nstart: 2026-03-02T09:00:00Z\nevents:\n  - +1d shiped\n",
        TestCredentials.OPERATOR_TOKEN);

    assertThat(result.statusCode()).isEqualTo(400);
    assertThat(result.body()).contains("Invalid scenario").contains("shiped").doesNotContain("id=\"result\"");
  }

  @Test
  void runningOneNeedsTheOperatorRole() throws Exception {
    assertThat(post("name: x\n", TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(403);
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestCredentials.bearer(token)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String scenario, String token) throws Exception {
    String form = "scenario=" + URLEncoder.encode(scenario, StandardCharsets.UTF_8);
    return HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dashboard/simulate"))
            .header("Authorization", TestCredentials.bearer(token))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
