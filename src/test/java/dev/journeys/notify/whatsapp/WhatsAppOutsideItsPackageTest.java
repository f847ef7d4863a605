package dev.journeys.notify.whatsapp;

import dev.journeys.CustomerPages;
import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.client.RestClient;

/**
 * What WhatsApp gets from being a registered channel, though nothing outside notify.whatsapp names
 * it: the preference centre shows and changes its opt-in like SMS's, and health reports it. (Same settings as
 * WhatsAppSandboxTest, so the two share one application.)
 */
@JourneysAppTest
@TestPropertySource(properties = {
    "journeys.notify.whatsapp.enabled=true",
    "journeys.notify.whatsapp.from=+14155238886",
    "journeys.notify.whatsapp.templates.shipping-update.en=HX0123456789abcdef0123456789abcdef",
    "journeys.notify.quiet-hours.whatsapp.enabled=false"
})
class WhatsAppOutsideItsPackageTest {

  private static final Pattern LINK = Pattern.compile("/preferences/[A-Za-z0-9_.-]+");

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;

  String orderId;
  String customerId;

  @BeforeEach
  void aCustomerWithWhatsAppAndEmailConsent() {
    orderId = OrderJson.newOrderId();
    customerId = "c-" + orderId;
    String email = "prefs-" + orderId.toLowerCase() + "@example.com";
    new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, email, "+4915123456789", "Jane", "en", "Europe/Berlin", "DE"));
    Instant earlier = Instant.parse("2030-01-01T00:00:00Z");
    customers.recordConsent(customerId, MarketingChannel.EMAIL, true, earlier, "api");
    customers.recordConsent(customerId, MarketingChannel.WHATSAPP, true, earlier, "api");
  }

  @Test
  void thePreferenceCentreShowsTheWhatsAppOptInAndChangesIt() throws Exception {
    String link = preferenceLink();

    HttpResponse<String> page = get(link);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("name=\"whatsapp\" id=\"whatsapp\" checked", "WhatsApp", "***6789")
        .doesNotContain("23456789");

    // Keep email, untick WhatsApp.
    HttpResponse<String> saved = post(link, "email=on");
    assertThat(saved.body()).contains("class=\"saved\"", "name=\"whatsapp\"")
        .doesNotContain("id=\"whatsapp\" checked");
    assertThat(customers.find(customerId).orElseThrow().consent(MarketingChannel.WHATSAPP)).satisfies(c -> {
      assertThat(c.granted()).isFalse();
      assertThat(c.source()).isEqualTo("preference-centre");
    });
    assertThat(customers.find(customerId).orElseThrow().consent(MarketingChannel.EMAIL).granted()).isTrue();

    post(link, "email=on&whatsapp=on");
    assertThat(customers.find(customerId).orElseThrow().whatsappOptIn().granted()).isTrue();
  }

  @Test
  void healthReportsTheWhatsAppChannel() {
    // Each part shows to a logged-in user or token (anonymous callers get the overall status only).
    String body = RestClient.create().get().uri("http://127.0.0.1:" + port + "/actuator/health/channels")
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN))
        .retrieve().body(String.class);
    assertThat(body).contains("\"whatsapp\":{\"status\":\"UP\"", "\"email\":{\"status\":\"UP\"");
  }

  /** The link in a marketing email the customer got. */
  private String preferenceLink() {
    WhatsAppTestSupport.step(new JourneyProbe(camunda, jdbc), "anniversary-thank-you", "email", "marketing",
        orderId, customerId);
    String text = jdbc.sql("""
            SELECT text_body FROM sandbox_message WHERE message_id IN (
              SELECT message_id FROM outbox WHERE customer_id = ? AND channel = 'email')""")
        .param(customerId).query(String.class).single();
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as("a preference link in: %s", text).isTrue();
    return m.group();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return new CustomerPages(port).get(path);
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return new CustomerPages(port).post(path, form);
  }
}
