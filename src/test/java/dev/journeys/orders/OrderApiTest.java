package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneysAppTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@JourneysAppTest
class OrderApiTest {

  @LocalServerPort int port;
  @Autowired Orders orders;

  @Test
  void acceptsAnOrderOnceAndAnswersARepeatWithTheSameJourney() {
    String orderId = OrderJson.newOrderId();

    ResponseEntity<Map<String, Object>> first = post(OrderJson.order(orderId));
    ResponseEntity<Map<String, Object>> repeat = post(OrderJson.order(orderId));

    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(first.getBody()).containsEntry("orderId", orderId);
    assertThat((String) first.getBody().get("journeyKey")).matches("\\d+");
    assertThat(repeat.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(repeat.getBody()).isEqualTo(first.getBody());

    Order stored = orders.find(orderId).orElseThrow();
    assertThat(stored.journeyKey()).hasToString((String) first.getBody().get("journeyKey"));
    assertThat(stored.customer().email()).isEqualTo("jane.doe@example.com");
    assertThat(stored.items()).extracting(Order.Item::sku).containsExactly("MUG-01", "TEA-07");
    assertThat(stored.total()).isEqualByComparingTo("33.90");
    assertThat(stored.estimatedDelivery()).hasToString("2030-12-24");
  }

  @Test
  void concurrentDuplicatesStartOneJourney() throws Exception {
    String orderId = OrderJson.newOrderId();
    String email = "concurrent-" + orderId.toLowerCase() + "@example.com";
    String order = OrderJson.order(orderId, email, "Eager Shop", "en");
    int requests = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(requests)) {
      for (int i = 0; i < requests; i++) {
        Callable<ResponseEntity<Map<String, Object>>> call =
            () -> {
              start.await();
              return post(order);
            };
        answers.add(pool.submit(call));
      }
      start.countDown();
    }

    List<HttpStatus> statuses = new ArrayList<>();
    List<Object> keys = new ArrayList<>();
    for (var answer : answers) {
      statuses.add((HttpStatus) answer.get().getStatusCode());
      keys.add(answer.get().getBody().get("journeyKey"));
    }
    assertThat(statuses).containsOnly(HttpStatus.CREATED, HttpStatus.OK);
    assertThat(statuses).filteredOn(HttpStatus.CREATED::equals).hasSize(1);
    assertThat(keys).doesNotContainNull().containsOnly(keys.get(0));
    // One journey, so one confirmation.
    ShopClient shop = new ShopClient(port);
    // One, and no second a second later.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(30))
        .until(() -> shop.sandboxMessages().stream().filter(m -> email.equals(m.get("to"))).count() == 1);
  }

  private ResponseEntity<Map<String, Object>> post(String json) {
    return new ShopClient(port).postOrder(json);
  }
}
