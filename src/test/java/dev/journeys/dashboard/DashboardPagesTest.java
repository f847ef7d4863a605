package dev.journeys.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.orders.ShopClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pages over HTTP for a logged-in viewer (a session made with an API token is not needed: GETs take one). */
@JourneysAppTest
class DashboardPagesTest {

  @LocalServerPort int port;
  @org.springframework.beans.factory.annotation.Autowired io.camunda.client.CamundaClient camunda;
  private String orderId;

  @BeforeEach
  void anOrder() {
    orderId = "P-" + UUID.randomUUID().toString().substring(0, 8);
    ShopClient shop = new ShopClient(port);
    String order = """
        {"orderId": "%s", "customer": {"id": "CUST-%s", "email": "pages@example.com", "name": "Pat Pages"},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 1, "unitPrice": 12.50}],
         "total": 12.50, "currency": "EUR", "locale": "en"}""".formatted(orderId, orderId);
    assertThat(shop.postOrder(order).getStatusCode().value()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(30)).until(() -> shop.getList("/api/outbox?orderId=" + orderId).stream()
        .anyMatch(m -> "SENT".equals(m.get("status"))));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theOverviewShowsEachJourneyWithItsCountsAndTodaysMessages() throws Exception {
    HttpResponse<String> page = get("/dashboard");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-journey=\"post-purchase\"").contains("data-journey=\"customer-anniversary\"")
        .containsPattern("<g class=\"badge active\" data-element-id=\"await_shipment_update\" data-count=\"\\d+\"")
        .containsPattern("data-channel=\"email\">\\s*<td>email</td><td class=\"num sent\">[1-9]");
    assertThat(page.body()).as("what is kept and for how long, the engine's history included")
        .containsPattern("data-kind=\"webhook-payloads\">\\s*<td>webhook-payloads</td><td>[^<]+</td>\\s*<td class=\"num kept\">30 days</td>")
        .containsPattern("data-kind=\"message-records\">[\\s\\S]*?396 days")
        .containsPattern("data-kind=\"engine-history\">[\\s\\S]*?396 days");
    assertThat(page.body()).as("journeys.dashboard.operate-url: Operate in the navigation")
        .contains("<a href=\"https://operate.example.com/operate\" id=\"operate-link\" rel=\"noopener\" target=\"_blank\">Operate</a>");
  }

  @Test
  void findsTheOrdersJourneyByOrderIdAndCustomerAndShowsItsTimeline() throws Exception {
    String byOrder = get("/dashboard/instances?orderId=" + orderId).body();
    assertThat(byOrder).contains("<span id=\"total\">1</span>");
    String key = byOrder.replaceAll("(?s).*data-key=\"(\\d+)\".*", "$1");
    assertThat(get("/dashboard/instances?customerId=CUST-" + orderId).body()).contains("data-key=\"" + key + "\"");
    assertThat(get("/dashboard/instances?orderId=nobody").body()).contains("<span id=\"total\">0</span>");

    String instance = get("/dashboard/instances/" + key).body();
    assertThat(instance).contains("order-confirmation by email").contains("Send order confirmation")
        .contains("<g class=\"el task current\" data-element-id=\"await_shipment_update\"")
        .contains("customerId").doesNotContain("id=\"cancel\"");
  }

  @Test
  void eachVersionShowsHowManyInstancesRunOnIt() throws Exception {
    String id = "version-demo-" + UUID.randomUUID().toString().substring(0, 8);
    deploy(id, "Wait for v1");
    for (int i = 0; i < 2; i++) {
      camunda.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();
    }
    long v2 = deploy(id, "Wait for v2");
    camunda.newCreateInstanceCommand().bpmnProcessId(id).latestVersion().send().join();

    String overview = get("/dashboard").body();
    String journey = get("/dashboard/journeys/" + v2).body();

    for (String page : new String[] {overview, journey}) {
      assertThat(page).containsPattern("class=\"version-count\" data-version=\"2\"><span>v2</span>\\s*<strong>1</strong>")
          .containsPattern("class=\"version-count\" data-version=\"1\"><span>v1</span>\\s*<strong>2</strong>");
    }
  }

  private long deploy(String id, String taskName) {
    var model = io.camunda.zeebe.model.bpmn.Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("wait", t -> t.name(taskName).zeebeJobType("nobody-works-on-this")).endEvent().done();
    return camunda.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join()
        .getProcesses().getFirst().getProcessDefinitionKey();
  }

  @Test
  void badSearchesAndUnknownKeysSayWhatIsWrong() throws Exception {
    HttpResponse<String> state = get("/dashboard/instances?state=sleeping");
    assertThat(state.statusCode()).isEqualTo(400);
    assertThat(state.body()).contains("Expected state to be one of active, incident, completed, terminated");
    HttpResponse<String> time = get("/dashboard/instances?from=yesterday");
    assertThat(time.statusCode()).isEqualTo(400);
    assertThat(time.body()).contains("Expected from as yyyy-MM-ddTHH:mm (UTC)");
    assertThat(get("/dashboard/instances/12345").statusCode()).isEqualTo(404);
    assertThat(get("/dashboard/journeys/12345").statusCode()).isEqualTo(404);
  }
}
