package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Shop events beyond the built-in ones, mapped to journey messages by configuration alone
 * (journeys.events in JourneysAppTest): stored, deduplicated, and correlated to the journey that
 * waits for them, carrying the variables the mapping names.
 */
@JourneysAppTest
class CustomEventsTest {

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aReviewPostedEventReachesTheOrdersJourneyWithTheMappedVariables() {
    ShopClient shop = new ShopClient(port);
    String orderId = OrderJson.newOrderId();
    shop.postOrder(OrderJson.order(orderId));
    long instance = waiting("review-posted", "=orderId", Map.of("orderId", orderId));

    String event = """
        {"name": "review-posted", "id": "r-1", "data": {"rating": 5, "text": "Lovely mug", "email": "jane@example.com"}}""";
    assertThat(shop.post("/api/orders/" + orderId + "/events", event).getStatusCode().value()).isEqualTo(202);
    assertThat(shop.post("/api/orders/" + orderId + "/events", event).getStatusCode().value())
        .as("a repeat with the same id").isEqualTo(200);

    ActivatedJob job = awaitJob();
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getVariablesAsMap()).containsEntry("rating", 5).containsEntry("text", "Lovely mug")
        .doesNotContainKey("email");
  }

  @Test
  void aCustomerEventCorrelatesByCustomerUnderItsConfiguredMessageName() {
    ShopClient shop = new ShopClient(port);
    String customerId = "c-" + suffix;
    long instance = waiting("tier-changed", "=customerId", Map.of("customerId", customerId));

    assertThat(shop.post("/api/customers/" + customerId + "/events",
        "{\"name\": \"loyalty-tier-changed\", \"id\": \"t-1\", \"data\": {\"tier\": \"gold\"}}").getStatusCode().value())
        .isEqualTo(202);

    ActivatedJob job = awaitJob();
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getVariablesAsMap()).containsEntry("tier", "gold");
  }

  @Test
  void anUnknownEventOrOneAboutAnotherSubjectIsRefusedNamingTheField() {
    ShopClient shop = new ShopClient(port);
    var unknown = shop.post("/api/orders/o-1/events", "{\"name\": \"parcel-lost\", \"id\": \"1\"}");
    assertThat(unknown.getStatusCode().value()).isEqualTo(400);
    assertThat(unknown.getBody().toString()).contains("name").contains("review-posted");

    var wrongSubject = shop.post("/api/orders/o-1/events", "{\"name\": \"loyalty-tier-changed\", \"id\": \"1\"}");
    assertThat(wrongSubject.getStatusCode().value()).isEqualTo(400);
    assertThat(wrongSubject.getBody().toString()).contains("/api/customers/{id}/events");

    var noId = shop.post("/api/orders/o-1/events", "{\"name\": \"review-posted\"}");
    assertThat(noId.getStatusCode().value()).isEqualTo(400);
    assertThat(noId.getBody().toString()).contains("id");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox WHERE topic = 'api/event' AND order_id = 'o-1'")
        .query(Long.class).single()).isZero();
  }

  /** A journey that waits for the message, then hands its variables to a job this test takes. */
  private long waiting(String message, String correlationKey, Map<String, Object> variables) {
    JourneyProbe probe = new JourneyProbe(camunda, jdbc);
    String processId = "wait-" + suffix;
    probe.deploy(Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name(message).zeebeCorrelationKeyExpression(correlationKey.substring(1)))
        .serviceTask("check", t -> t.zeebeJobType("custom-event-" + suffix))
        .endEvent().done());
    return probe.start(processId, variables);
  }

  private ActivatedJob awaitJob() {
    return await().atMost(Duration.ofSeconds(20)).until(() -> {
      List<ActivatedJob> jobs = camunda.newActivateJobsCommand().jobType("custom-event-" + suffix).maxJobsToActivate(1)
          .send().join().getJobs();
      return jobs.isEmpty() ? null : jobs.getFirst();
    }, job -> job != null);
  }
}
