package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import io.camunda.client.CamundaClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** With the journey not deployed the engine refuses to start it: the order must not be kept. */
@JourneysAppTest
@TestPropertySource(properties = "journeys.deployment.enabled=false")
class JourneyNotStartedTest {

  @LocalServerPort int port;
  @Autowired Orders orders;
  @Autowired CamundaClient client;

  @Test
  void answers503StoresNothingAndAcceptsTheRetry() throws Exception {
    String orderId = OrderJson.newOrderId();

    ResponseEntity<Map<String, Object>> refused = post(OrderJson.order(orderId));

    assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
    assertThat((String) refused.getBody().get("error")).contains("post-purchase");
    assertThat(orders.find(orderId)).isEmpty();

    deployPostPurchase();
    ResponseEntity<Map<String, Object>> retried = post(OrderJson.order(orderId));

    assertThat(retried.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(orders.find(orderId)).isPresent();
  }

  private void deployPostPurchase() throws Exception {
    try (var in = new ClassPathResource("bpmn/post-purchase.bpmn").getInputStream()) {
      client.newDeployResourceCommand().addResourceStream(in, "post-purchase.bpmn").send().join();
    }
  }

  private ResponseEntity<Map<String, Object>> post(String json) {
    return new ShopClient(port).postOrder(json);
  }
}
