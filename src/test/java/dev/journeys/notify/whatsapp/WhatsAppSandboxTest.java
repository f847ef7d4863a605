package dev.journeys.notify.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.CustomerErasure;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * WhatsApp without provider credentials: messages go to the sandbox, the sandbox lists them beside
 * the other channels', and erasing the customer erases them.
 */
@JourneysAppTest
@TestPropertySource(properties = {
    "journeys.notify.whatsapp.enabled=true",
    "journeys.notify.whatsapp.from=+14155238886",
    "journeys.notify.whatsapp.templates.shipping-update.en=HX0123456789abcdef0123456789abcdef",
    "journeys.notify.quiet-hours.whatsapp.enabled=false"
})
class WhatsAppSandboxTest {

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;
  @Autowired CustomerErasure erasure;

  @Test
  void withoutAnAccountSidMessagesGoToTheSandboxAndErasureRemovesThem() {
    String orderId = OrderJson.newOrderId();
    String customerId = "c-" + orderId;
    new ShopClient(port).postOrder(OrderJson.order(orderId, "sandbox-wa@example.com", "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, "sandbox-wa@example.com", "+4915123456789", "Jane", "en",
        "Europe/Berlin", "DE"));
    customers.recordConsent(customerId, MarketingChannel.WHATSAPP, true, Instant.parse("2030-01-01T00:00:00Z"), "api");

    WhatsAppTestSupport.step(new JourneyProbe(camunda, jdbc), "shipping-update", "whatsapp", "transactional",
        orderId, customerId);

    assertThat(get("/api/sandbox", new ParameterizedTypeReference<List<String>>() {}))
        .containsExactly("messages", "push", "sms", "whatsapp");
    List<Map<String, Object>> caught = get("/api/sandbox/whatsapp?limit=10", new ParameterizedTypeReference<>() {});
    assertThat(caught).hasSize(1);
    assertThat(caught.get(0)).containsEntry("to", "whatsapp:+4915123456789")
        .containsEntry("sender", "whatsapp:+14155238886")
        .containsEntry("contentSid", "HX0123456789abcdef0123456789abcdef");
    assertThat((String) caught.get(0).get("contentVariables")).contains(orderId);
    assertThat(jdbc.sql("SELECT status FROM outbox WHERE order_id = ? AND channel = 'whatsapp'")
        .param(orderId).query(String.class).single()).isEqualTo("SENT");

    Map<String, Integer> counts = erasure.erase(customerId, "test-admin").counts();

    assertThat(counts).containsEntry("sandboxWhatsApp", 1);
    assertThat(jdbc.sql("SELECT COUNT(*) FROM sandbox_whatsapp").query(Integer.class).single()).isZero();
    assertThat(customers.find(customerId).orElseThrow().whatsappOptIn().granted()).isFalse();
  }

  private <T> T get(String path, ParameterizedTypeReference<T> type) {
    return RestClient.create("http://127.0.0.1:" + port).get().uri(path)
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).retrieve().body(type);
  }
}
