package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;

/** The default recommendations: other products from the shop's recent orders, not the order's own. */
@JourneysAppTest
class RecommendationsTest {

  @LocalServerPort int port;

  @Test
  void theFooterSuggestsRecentProductsOtherThanTheOrdersOwn() {
    String lampOrder = OrderJson.newOrderId();
    String mugOrder = OrderJson.newOrderId();
    String email = "reco-" + mugOrder.toLowerCase() + "@example.com";
    post(OrderJson.order(lampOrder, "lamp-" + lampOrder.toLowerCase() + "@example.com", "Lamp Buyer", "en")
        .replace("\"sku\": \"MUG-01\", \"name\": \"Blue mug\"", "\"sku\": \"LAMP-1\", \"name\": \"Desk <lamp>\""));

    post(OrderJson.order(mugOrder, email, "Mug Buyer", "en"));

    Map<String, Object> message = await().atMost(Duration.ofSeconds(30)).until(
            () -> new ShopClient(port).sandboxMessages().stream().filter(m -> email.equals(m.get("to"))).findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
    String html = message.get("html").toString();
    String footer = html.substring(html.indexOf("class=\"recommendations\""));
    assertThat(footer)
        .contains("href=\"https://shop.example.com/products/LAMP-1\"", "Desk &lt;lamp&gt;")
        .doesNotContain("Blue mug", "Green tea");
    assertThat(message.get("text").toString()).contains("  - Desk <lamp>: https://shop.example.com/products/LAMP-1");
  }

  private void post(String json) {
    assertThat(new ShopClient(port).postOrder(json).getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }
}
