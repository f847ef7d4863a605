package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * Consent at send time, one-click unsubscribe (RFC 8058) and strict templates, through the whole
 * app: send-message tasks of test processes, GreenMail as the SMTP server.
 */
@JourneysAppTest
class ConsentAndUnsubscribeTest {

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
          .withPerMethodLifecycle(false);

  @DynamicPropertySource
  static void mailServer(DynamicPropertyRegistry registry) {
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
  }

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;

  private JourneyProbe probe;
  private String orderId;
  private String customerId;
  private String email;

  @BeforeEach
  void anOrderAndItsCustomer() {
    probe = new JourneyProbe(camunda, jdbc);
    orderId = OrderJson.newOrderId();
    customerId = "c-" + orderId;
    email = "consent-" + orderId.toLowerCase() + "@example.com";
    assertThat(new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Jane Doe", "en"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    customers.recordContact(new ContactDetails(customerId, email, null, "Jane Doe", "en", null, null));
  }

  @Test
  void marketingWithoutConsentIsSkippedWithItsReasonAndTransactionalIsStillSent() {
    long marketing = send("feedback-request", "marketing");
    long transactional = send("cancellation-notice", "transactional");

    probe.awaitCompleted(marketing);
    probe.awaitCompleted(transactional);
    assertThat(outbox("feedback-request")).containsExactly("SKIPPED", "no-consent");
    assertThat(outbox("cancellation-notice")).containsExactly("SENT", null);
    awaitMail("Your order " + orderId + " has been cancelled");
    assertThat(subjectsTo(email)).noneMatch(s -> s.startsWith("How was your order"));
  }

  @Test
  void marketingEmailCarriesOneClickUnsubscribeAndThePostUnsubscribes() throws Exception {
    grantConsent();
    probe.awaitCompleted(send("feedback-request", "marketing"));

    MimeMessage message = awaitMail("How was your order " + orderId + "?");
    String listUnsubscribe = message.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " ");
    assertThat(message.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    Matcher link = Pattern.compile("^<(http://localhost:8080/api/unsubscribe/([^>]+))>, <mailto:unsubscribe@journeys\\.local\\?subject=unsubscribe-[^>]+>$")
        .matcher(listUnsubscribe);
    assertThat(link.matches()).as(listUnsubscribe).isTrue();
    String token = link.group(2);

    // GET only asks (link scanners fetch every URL); the POST a mail client sends unsubscribes.
    ResponseEntity<String> page = http().get().uri("/api/unsubscribe/" + token).retrieve().toEntity(String.class);
    assertThat(page.getBody()).contains("<form method=\"post\"", "List-Unsubscribe", "One-Click");
    assertThat(customers.find(customerId).orElseThrow().emailMarketing().granted()).isTrue();
    assertThat(oneClick(token).getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(customers.find(customerId).orElseThrow().emailMarketing().granted()).isFalse();

    probe.awaitCompleted(send("photo-invitation", "marketing", Map.of("rating", 5)));
    assertThat(outbox("photo-invitation")).containsExactly("SKIPPED", "no-consent");
  }

  @Test
  void anUnsubscribeLinkThatIsNotOursIsRefused() {
    grantConsent();
    probe.awaitCompleted(send("feedback-request", "marketing"));
    String header = headerOf(awaitMail("How was your order " + orderId + "?"));
    String token = header.replaceAll("(?s)^<[^>]*/api/unsubscribe/([^>]+)>.*$", "$1");
    String[] parts = token.split("\\.");
    String otherCustomer = java.util.Base64.getUrlEncoder().withoutPadding()
        .encodeToString("unsubscribe\nc-someone-else\nemail".getBytes());

    assertThat(oneClick(otherCustomer + "." + parts[1]).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(oneClick("not-a-token").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(customers.find(customerId).orElseThrow().emailMarketing().granted()).isTrue();
  }

  @Test
  void aCustomerOnlyMessageNeedsNoOrderAndSpeaksTheCustomersLanguage() {
    customers.recordContact(new ContactDetails(customerId, email, null, "王小明", "zh-CN", null, null));
    grantConsent();
    String process = probe.deploySendMessage("anniversary-thank-you", "marketing");

    probe.awaitCompleted(probe.start(process, Map.of("customerId", customerId)));

    MimeMessage message = awaitMail("感谢您一年来的支持");
    assertThat(headerOf(message)).contains("/api/unsubscribe/");
  }

  @Test
  void aTemplateNeedingAVariableTheJobLacksRaisesAnIncidentAndSendsNothing() {
    // shipping-update needs shipmentStatus, which this job does not carry.
    long instance = send("shipping-update", "transactional", Map.of());

    String incident = probe.awaitIncident(instance);

    assertThat(incident).contains("shipping-update/en", "uses 'shipmentStatus'");
    assertThat(outbox("shipping-update")).isEmpty();
    assertThat(subjectsTo(email)).noneMatch(s -> s.contains("shipped"));
  }

  private long send(String template, String purpose) {
    return send(template, purpose, Map.of());
  }

  private long send(String template, String purpose, Map<String, Object> facts) {
    Map<String, Object> variables = new java.util.HashMap<>(facts);
    variables.put("orderId", orderId);
    variables.put("customerId", customerId);
    return probe.start(probe.deploySendMessage(template, purpose), variables);
  }

  private void grantConsent() {
    customers.recordConsent(customerId, MarketingChannel.EMAIL, true, Instant.now(), "test");
  }

  private List<String> outbox(String template) {
    return jdbc.sql("SELECT status, reason FROM outbox WHERE order_id = ? AND template = ?")
        .params(orderId, template)
        .query((rs, n) -> Arrays.asList(rs.getString(1), rs.getString(2)))
        .optional()
        .orElse(List.of());
  }

  private ResponseEntity<String> oneClick(String token) {
    return http().post().uri("/api/unsubscribe/" + token)
        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
        .body("List-Unsubscribe=One-Click")
        .retrieve()
        .onStatus(status -> true, (request, response) -> {})
        .toEntity(String.class);
  }

  private RestClient http() {
    return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
        // signed links need no credentials; the ops reads in these tests (outbox, feedback summary) do
        .defaultHeader(org.springframework.http.HttpHeaders.AUTHORIZATION,
            dev.journeys.TestCredentials.bearer(dev.journeys.TestCredentials.VIEWER_TOKEN))
        .requestFactory(new JdkClientHttpRequestFactory()).build();
  }

  private MimeMessage awaitMail(String subject) {
    return await().atMost(Duration.ofSeconds(30))
        .until(() -> messagesTo(email).stream().filter(m -> subjectOf(m).equals(subject)).findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private List<String> subjectsTo(String address) {
    return messagesTo(address).stream().map(ConsentAndUnsubscribeTest::subjectOf).toList();
  }

  private static List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(smtp.getReceivedMessages())
        .filter(m -> {
          try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString().contains(address);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })
        .toList();
  }

  private static String subjectOf(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String headerOf(MimeMessage message) {
    try {
      return message.getHeader("List-Unsubscribe", null).replaceAll("\\s+", " ");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
