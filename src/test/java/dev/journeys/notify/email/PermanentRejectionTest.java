package dev.journeys.notify.email;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A mail server's permanent 550 for the recipient: suppressed, settled, never retried. */
@JourneysAppTest
class PermanentRejectionTest {

  static final SmtpStub smtp = new SmtpStub(address -> address.startsWith("gone-"));

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", smtp::port);
  }

  @AfterAll
  static void stopSmtp() throws Exception {
    smtp.close();
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;

  @Test
  void aDeadMailboxIsSuppressedAndLaterMessagesToItAreSkipped() throws Exception {
    String orderId = OrderJson.newOrderId();
    String email = "gone-" + orderId.toLowerCase() + "@example.com";
    JourneyProbe probe = new JourneyProbe(camunda, jdbc);

    assertThat(new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Gone Away", "en"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);

    await().atMost(Duration.ofSeconds(30)).until(() -> outbox(orderId, "order-confirmation").size() == 2
        && outbox(orderId, "order-confirmation").get(0).equals("REJECTED"));
    assertThat(outbox(orderId, "order-confirmation")).containsExactly("REJECTED", "rejected");
    assertThat(jdbc.sql("SELECT masked_address, reason FROM suppression WHERE address_hash = ?")
            .param(Suppressions.hash(email))
            .query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single())
        .startsWith("g***@example.com 550 5.1.1 <g***@example.com>")
        .doesNotContain(email);

    // Later messages to the address are skipped, without another word to the server.
    long shipping = probe.start(probe.deploySendMessage("shipping-update", "transactional"),
        Map.of("orderId", orderId, "shipmentStatus", "SHIPPED"));
    probe.awaitCompleted(shipping);
    assertThat(outbox(orderId, "shipping-update")).containsExactly("SKIPPED", "suppressed");
    // With a 1 s retry backoff, a retried job would try again within this window.
    awaitDuring(Duration.ofMillis(1500))
        .until(() -> smtp.recipientsTried().stream().filter(email::equals).count() == 1);
    assertThat(smtp.recipientsAccepted()).doesNotContain(email);
  }

  @Test
  void otherAddressesStillGetTheirMail() {
    String orderId = OrderJson.newOrderId();
    String email = "alive-" + orderId.toLowerCase() + "@example.com";

    assertThat(new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Still Here", "en"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);

    await().atMost(Duration.ofSeconds(30)).until(() -> smtp.recipientsAccepted().contains(email));
    await().atMost(Duration.ofSeconds(5))
        .until(() -> outbox(orderId, "order-confirmation"), list -> list.equals(Arrays.asList("SENT", null)));
  }

  private List<String> outbox(String orderId, String template) {
    return jdbc.sql("SELECT status, reason FROM outbox WHERE order_id = ? AND template = ?")
        .params(orderId, template)
        .query((rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2)))
        .optional()
        .orElse(List.of());
  }
}
