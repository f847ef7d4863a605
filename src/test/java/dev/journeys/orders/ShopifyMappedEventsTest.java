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
 * A Shopify topic Journeys does not handle itself (refunds/create), mapped to an event by
 * configuration alone (journeys.events.refund-issued.shopify-topic in JourneysAppTest): signed and
 * stored like every webhook, once however often Shopify delivers it, and correlated by the order it
 * names to the journey waiting for it, with the fields the mapping names as variables.
 */
@JourneysAppTest
class ShopifyMappedEventsTest {

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void aRefundWebhookReachesTheOrdersJourneyOnceWithTheMappedFields() {
    String orderId = ShopifyWebhooks.newId();
    long instance = waiting(orderId);
    String refund = """
        {"id": %s, "order_id": %s, "note": "Damaged in transit", "user_id": 77,
         "refund_line_items": [{"quantity": 1}], "created_at": "2026-12-07T09:00:00Z"}"""
        .formatted(ShopifyWebhooks.newId(), orderId);
    ShopifyWebhooks shopify = new ShopifyWebhooks(port);
    ShopifyWebhooks.Delivery delivery = ShopifyWebhooks.Delivery.of("refunds/create", refund);

    assertThat(shopify.send(delivery).status()).isEqualTo(200);
    assertThat(shopify.send(delivery.withWebhookId(UUID.randomUUID().toString())).status())
        .as("the same refund under another webhook id").isEqualTo(200);

    ActivatedJob job = awaitJob();
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(job.getVariablesAsMap()).containsEntry("note", "Damaged in transit").containsKey("id")
        .doesNotContainKey("user_id").doesNotContainKey("refund_line_items");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox WHERE topic = 'refunds/create' AND order_id = ?")
        .param(orderId).query(Long.class).single()).isEqualTo(1);
  }

  @Test
  void aMappedTopicWhoseBodyNamesNoOrderIsParkedSayingWhereItLooked() {
    String body = "{\"id\": null, \"note\": \"no order\", \"ref\": \"" + suffix + "\"}";
    assertThat(new ShopifyWebhooks(port).send("refunds/create", body).status()).isEqualTo(200);

    String reason = await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
            "SELECT i.last_error FROM inbox i JOIN inbox_payload p ON p.inbox_id = i.id "
                + "WHERE i.topic = 'refunds/create' AND i.state = 'PARKED' AND p.payload LIKE ?")
        .param("%" + suffix + "%").query(String.class).optional().orElse(null), r -> r != null);
    assertThat(reason).contains("refunds/create").contains("/order_id or /id");
  }

  private long waiting(String orderId) {
    JourneyProbe probe = new JourneyProbe(camunda, jdbc);
    String processId = "refund-" + suffix;
    probe.deploy(Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("wait").message(m -> m.name("refund-issued").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("check", t -> t.zeebeJobType("refund-" + suffix))
        .endEvent().done());
    return probe.start(processId, Map.of("orderId", orderId));
  }

  private ActivatedJob awaitJob() {
    return await().atMost(Duration.ofSeconds(20)).until(() -> {
      List<ActivatedJob> jobs = camunda.newActivateJobsCommand().jobType("refund-" + suffix).maxJobsToActivate(1)
          .send().join().getJobs();
      return jobs.isEmpty() ? null : jobs.getFirst();
    }, job -> job != null);
  }
}
