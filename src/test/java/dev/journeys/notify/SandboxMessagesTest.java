package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/** With no spring.mail.host, confirmations land in the sandbox and are shown by its API. */
@JourneysAppTest
class SandboxMessagesTest {

  @LocalServerPort int port;

  @Test
  void theConfirmationLandsInTheSandbox() {
    String orderId = OrderJson.newOrderId();
    String email = "sandbox-" + orderId.toLowerCase() + "@example.com";

    postOrder(OrderJson.order(orderId, email, "Sandy Box", "en"));

    Map<String, Object> message = awaitMessageTo(email);
    assertThat(message.get("subject")).isEqualTo("Your order " + orderId + " is confirmed");
    assertThat((String) message.get("text")).contains("Blue mug", "€33.90", "December 24, 2030");
    assertThat((String) message.get("html")).contains("Blue mug", "Track your order");
    assertThat((String) message.get("messageId")).matches("<\\d+\\.email@journeys\\.local>");
    assertThat(message.get("sentAt")).isNotNull();
  }

  @Test
  void aZhCnOrderGetsTheZhCnConfirmation() {
    String orderId = OrderJson.newOrderId();
    String email = "zh-" + orderId.toLowerCase() + "@example.com";

    postOrder(OrderJson.order(orderId, email, "王小明", "zh-CN"));

    Map<String, Object> message = awaitMessageTo(email);
    assertThat(message.get("subject")).isEqualTo("您的订单 " + orderId + " 已确认");
    assertThat((String) message.get("text")).contains("王小明", "合计", "2030年12月24日");
  }

  private Map<String, Object> awaitMessageTo(String email) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> messagesTo(email), list -> list.size() == 1)
        .get(0);
  }

  private List<Map<String, Object>> messagesTo(String email) {
    return new ShopClient(port).sandboxMessages().stream()
        .filter(m -> email.equals(m.get("to")))
        .toList();
  }

  private void postOrder(String json) {
    assertThat(new ShopClient(port).postOrder(json).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }
}
