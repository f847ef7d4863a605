package dev.journeys.feedback;

import static dev.journeys.Awaits.awaitDuring;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.orders.OrderJson;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** open-support-ticket against a real HTTP server (WireMock on loopback) playing the helpdesk. */
@JourneysAppTest
class HelpdeskWebhookTest {

  @RegisterExtension
  static final WireMockExtension helpdesk =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

  @DynamicPropertySource
  static void helpdeskUrl(DynamicPropertyRegistry registry) {
    registry.add("journeys.feedback.helpdesk-url", () -> helpdesk.baseUrl() + "/tickets");
    registry.add("journeys.feedback.retry-backoff", () -> "1s");
    registry.add("journeys.feedback.helpdesk-timeout", () -> "1s");
  }

  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired RatingLinks ratingLinks;

  private JourneyProbe probe;
  private String orderId;
  private String process;

  @BeforeEach
  void aTicketProcess() {
    probe = new JourneyProbe(camunda, jdbc);
    orderId = OrderJson.newOrderId();
    process = "test-ticket-" + orderId.toLowerCase();
    probe.deploy(Bpmn.createExecutableProcess(process).startEvent()
        .serviceTask("ticket", t -> t.zeebeJobType("open-support-ticket").zeebeJobRetries("3"))
        .endEvent().done());
  }

  @Test
  void aHelpdeskOutageIsRetriedAndTheTicketIsOpenedOnce() {
    helpdesk.stubFor(post(urlEqualTo("/tickets")).withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
        .inScenario(orderId).whenScenarioStateIs("Started").willSetStateTo("recovered")
        .willReturn(aResponse().withStatus(503)));
    helpdesk.stubFor(post(urlEqualTo("/tickets")).withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
        .inScenario(orderId).whenScenarioStateIs("recovered")
        .willReturn(aResponse().withStatus(201)));

    long instance = probe.start(process, Map.of("orderId", orderId, "customerId", "c-7", "rating", 2));
    probe.awaitCompleted(instance);

    List<LoggedRequest> requests = requestsFor(orderId);
    assertThat(requests).hasSize(2);
    assertThat(requests).extracting(r -> r.getHeader("Idempotency-Key")).doesNotContainNull().containsOnly(
        requests.get(0).getHeader("Idempotency-Key"));
    assertThat(requests.get(1).getHeader("Content-Type")).startsWith("application/json");
    // The link carries the second it was signed in, so it is checked by what it opens, not by text.
    String body = requests.get(1).getBodyAsString();
    String signedNow = ratingLinks.viewUrl(orderId);
    String viewPrefix = signedNow.substring(0, signedNow.lastIndexOf('/') + 1);
    assertThat(body).startsWith("{\"orderId\":\"%s\",\"customerId\":\"c-7\",\"rating\":2,\"commentUrl\":\"%s"
        .formatted(orderId, viewPrefix)).endsWith("\"}");
    String token = body.substring(body.indexOf(viewPrefix) + viewPrefix.length(), body.length() - 2);
    assertThat(ratingLinks.verifyView(token)).isEqualTo(orderId);
    assertThat(probe.incidentMessages(instance)).isEmpty();
  }

  @Test
  void aHelpdeskThatDoesNotAnswerInTimeIsRetried() {
    helpdesk.stubFor(post(urlEqualTo("/tickets")).withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
        .inScenario(orderId).whenScenarioStateIs("Started").willSetStateTo("fast again")
        .willReturn(aResponse().withStatus(201).withFixedDelay(3000)));
    helpdesk.stubFor(post(urlEqualTo("/tickets")).withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
        .inScenario(orderId).whenScenarioStateIs("fast again")
        .willReturn(aResponse().withStatus(201)));

    probe.awaitCompleted(probe.start(process, Map.of("orderId", orderId, "rating", 2)));

    assertThat(requestsFor(orderId)).hasSize(2);
  }

  @Test
  void aRefusalIsAnIncidentWithTheHelpdesksStatus() throws Exception {
    helpdesk.stubFor(post(urlEqualTo("/tickets")).withRequestBody(matchingJsonPath("$.orderId", equalTo(orderId)))
        .willReturn(aResponse().withStatus(422).withBody("{\"error\":\"unknown requester jane@example.com\"}")));

    long instance = probe.start(process, Map.of("orderId", orderId, "rating", 1));

    String incident = probe.awaitIncident(instance);
    assertThat(incident).contains("order " + orderId, "answered 422", "j***@example.com").doesNotContain("jane@");
    // With a 1 s retry backoff, a retried job would ask the helpdesk again within this window.
    awaitDuring(Duration.ofMillis(1500))
        .until(() -> requestsFor(orderId).size() == 1);
  }

  private List<LoggedRequest> requestsFor(String order) {
    return helpdesk.findAll(postRequestedFor(urlEqualTo("/tickets"))
        .withRequestBody(matchingJsonPath("$.orderId", equalTo(order))));
  }
}
