package dev.journeys.notify.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.notify.MutableClock;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * With email quiet hours switched on, marketing email waits for the morning in the customer's zone,
 * and transactional email still goes at once: a customer expects the news about their order.
 */
@JourneysAppTest
@Import(EmailQuietHoursTest.Night.class)
@TestPropertySource(properties = "journeys.notify.quiet-hours.email.enabled=true")
class EmailQuietHoursTest {

  /** 01:00 in Berlin, inside the default window 21:00–08:00. */
  static final Instant NIGHT = Instant.parse("2030-06-03T23:00:00Z");

  @TestConfiguration
  static class Night {
    @Bean
    @Primary
    MutableClock nightClock() {
      return new MutableClock(NIGHT);
    }
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;

  @Test
  void marketingEmailWaitsForTheMorningAndTransactionalEmailDoesNot() {
    String orderId = OrderJson.newOrderId();
    String customerId = "c-" + orderId;
    String email = "night-" + orderId.toLowerCase() + "@example.com";
    new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, email, null, "Jane", "en", "Europe/Berlin", "DE"));
    customers.recordConsent(customerId, MarketingChannel.EMAIL, true, Instant.parse("2030-01-01T00:00:00Z"), "api");
    JourneyProbe probe = new JourneyProbe(camunda, jdbc);
    Map<String, Object> variables = Map.of("orderId", orderId, "customerId", customerId, "shipmentStatus", "SHIPPED");

    probe.awaitCompleted(probe.start(probe.deploySendMessage("shipping-update", "transactional"), variables));
    probe.awaitCompleted(probe.start(probe.deploySendMessage("anniversary-thank-you", "marketing"), variables));

    assertThat(status(orderId, "shipping-update")).isEqualTo("SENT null");
    assertThat(status(orderId, "anniversary-thank-you")).isEqualTo("HELD quiet-hours");
  }

  private String status(String orderId, String template) {
    return jdbc.sql("SELECT status, reason FROM outbox WHERE order_id = ? AND template = ? AND channel = 'email'")
        .params(orderId, template).query((rs, n) -> rs.getString(1) + " " + rs.getString(2)).single();
  }
}
