package dev.journeys.reliability;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.JourneyProbe;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the outage tests share: the SMS provider (WireMock) and mail server (GreenMail) on loopback
 * that they take away and bring back, and what they count of what those servers received.
 */
final class OutageServers {

  static final String ACCOUNT = "AC0123456789";
  static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

  private OutageServers() {}

  static WireMockServer startProvider() {
    return startProvider(new ProviderMessages());
  }

  /** @param messages the provider's message store, for stubs that name {@link ProviderMessages#NAME} */
  static WireMockServer startProvider(ProviderMessages messages) {
    WireMockServer provider = new WireMockServer(wireMockConfig().dynamicPort().extensions(messages));
    provider.start();
    return provider;
  }

  static GreenMailExtension mailServer() {
    return new GreenMailExtension(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withPerMethodLifecycle(false);
  }

  /** Points the app's mail and SMS transports at the two servers. */
  static void register(DynamicPropertyRegistry registry, GreenMailExtension smtp, WireMockServer provider) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    registry.add("journeys.sms.base-url", provider::baseUrl);
    registry.add("journeys.sms.account-sid", () -> ACCOUNT);
    registry.add("journeys.sms.auth-token", () -> "secret");
    registry.add("journeys.sms.from", () -> "+15005550006");
  }

  /**
   * Places an order for a customer opted in to SMS and starts a one-task process that texts them a
   * shipping update (transactional, SMS only).
   *
   * @param retries the task's retries; the journeys' own send tasks have 8
   * @return the process instance key
   */
  static long sendSms(int port, Customers customers, JourneyProbe probe, String phone, String processPrefix,
      int retries) {
    return prepareSms(port, customers, probe, phone, processPrefix, retries).start(probe);
  }

  /**
   * Everything an SMS's journey needs but its start: the order, the customer's number and SMS
   * consent, the one-task process deployed. Tests that count the provider's answers across several
   * SMS start them together.
   */
  static PreparedSms prepareSms(int port, Customers customers, JourneyProbe probe, String phone,
      String processPrefix, int retries) {
    String orderId = OrderJson.newOrderId();
    String customerId = "c-" + orderId;
    String email = "sms-" + orderId.toLowerCase() + "@example.com";
    new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Jane", "en"));
    customers.recordContact(new ContactDetails(customerId, email, phone, "Jane", "en", "UTC", "DE"));
    customers.recordConsent(customerId, MarketingChannel.SMS, true, Instant.parse("2030-01-01T00:00:00Z"), "api");
    String id = processPrefix + UUID.randomUUID().toString().substring(0, 8);
    probe.deploy(Bpmn.createExecutableProcess(id).startEvent()
        .serviceTask("send", t -> t.zeebeJobType("send-message").zeebeJobRetries(Integer.toString(retries))
            .zeebeTaskHeader("template", "shipping-update")
            .zeebeTaskHeader("channels", "sms")
            .zeebeTaskHeader("purpose", "transactional"))
        .endEvent().done());
    return new PreparedSms(id, orderId, customerId);
  }

  /** An SMS's journey, deployed and ready to start. */
  record PreparedSms(String processId, String orderId, String customerId) {
    long start(JourneyProbe probe) {
      return probe.start(processId, Map.of("orderId", orderId, "customerId", customerId, "shipmentStatus", "SHIPPED"));
    }
  }

  /** The provider's answer to an accepted SMS. */
  static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
    return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(201)
        .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SM1\",\"status\":\"queued\"}");
  }

  /** Recipients of the requests the provider answered 201, counted: what was really sent. */
  static Map<String, Long> acceptedPerRecipient(WireMockServer provider) {
    return provider.getAllServeEvents().stream()
        .filter(e -> e.getResponse().getStatus() == 201)
        .map(e -> form(e.getRequest().getBodyAsString()).get("To"))
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  static List<Integer> statuses(WireMockServer provider) {
    return provider.getAllServeEvents().stream().map(ServeEvent::getResponse).map(r -> r.getStatus()).toList();
  }

  static long count(WireMockServer provider, int status) {
    return statuses(provider).stream().filter(s -> s == status).count();
  }

  static List<String> openIncidents(JdbcClient jdbc) {
    return jdbc.sql("SELECT error_message FROM engine_incident").query(String.class).list();
  }

  static int failedAttempts(JdbcClient jdbc, List<String> orders) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE order_id IN (:ids) AND last_error IS NOT NULL")
        .param("ids", orders).query(Integer.class).single();
  }

  /** The Message-IDs of the emails the address received, with how many copies of each. */
  static Map<String, Long> messageIds(GreenMailExtension smtp, String email) {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .map(OutageServers::messageId)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Map<String, String> form(String body) {
    return Arrays.stream(body.split("&")).map(p -> p.split("=", 2))
        .collect(Collectors.toMap(
            p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
            p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> b));
  }
}
