package dev.journeys.orders;

import static dev.journeys.orders.ShopifyWebhooks.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.context.TestPropertySource;

/**
 * With the journey not deployed the engine refuses to start it, as it would while a cluster is
 * away: the accepted webhook stays in the inbox and is retried with backoff until it works.
 */
@JourneysAppTest
@TestPropertySource(properties = {
    "journeys.deployment.enabled=false",
    ShopifyWebhooks.SECRETS_PROPERTY,
    "journeys.orders.inbox.retry-initial=100ms",
    "journeys.orders.inbox.retry-max=500ms",
    "journeys.orders.inbox.max-attempts=2"
})
class InboxRetryTest {

  @LocalServerPort int port;
  @Autowired Orders orders;
  @Autowired CamundaClient client;

  @Test
  void anEventTheEngineCannotTakeYetIsRetriedUntilItCan() throws Exception {
    String orderId = ShopifyWebhooks.newId();
    InboxView inbox = new InboxView(new ShopClient(port));

    var answer = new ShopifyWebhooks(port).send("orders/create",
        payload("orders-create.json", Map.of("5830174523581", orderId, "7391024578237", ShopifyWebhooks.newId())));

    assertThat(answer.status()).isEqualTo(200);
    Object id = answer.body().get("inboxId");
    // Transient failures are retried beyond max-attempts, which only bounds unexpected ones.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(inbox.get(id))
        .containsEntry("state", "PENDING")
        .hasEntrySatisfying("attempts", a -> assertThat((Integer) a).isGreaterThan(3))
        .hasEntrySatisfying("reason", r -> assertThat((String) r).contains("post-purchase")));
    assertThat(orders.find(orderId)).isEmpty();

    try (var in = new ClassPathResource("bpmn/post-purchase.bpmn").getInputStream()) {
      client.newDeployResourceCommand().addResourceStream(in, "post-purchase.bpmn").send().join();
    }

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(inbox.get(id))
        .containsEntry("state", "DONE"));
    assertThat(orders.find(orderId).orElseThrow().journeyKey()).isNotNull();
  }
}
