package dev.journeys.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.JourneyProbe;
import dev.journeys.JourneysAppTest;
import dev.journeys.customers.ContactDetails;
import dev.journeys.customers.Customers;
import dev.journeys.customers.MarketingChannel;
import dev.journeys.notify.SignedLinks;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Rating links end to end: the feedback request in the mail sandbox, a click that only shows the
 * choice, the confirmation, the thank-you page, and feedback-received reaching a waiting process. Also CSAT and support tickets in the sandbox.
 */
@JourneysAppTest
class FeedbackTest {

  private static final Pattern RATING_LINK =
      Pattern.compile("href=\"http://localhost:8080(/api/feedback/[^\"]+)\"");

  @LocalServerPort int port;
  @Autowired CamundaClient camunda;
  @Autowired JdbcClient jdbc;
  @Autowired Customers customers;
  @Autowired RatingLinks ratingLinks;
  @Autowired SignedLinks signedLinks;

  private JourneyProbe probe;
  private String orderId;

  @BeforeEach
  void anOrder() {
    probe = new JourneyProbe(camunda, jdbc);
    orderId = OrderJson.newOrderId();
  }

  @Test
  void aRatingLinkInTheFeedbackRequestReachesTheJourney() {
    String customerId = "c-" + orderId;
    String email = "rate-" + orderId.toLowerCase() + "@example.com";
    assertThat(new ShopClient(port).postOrder(OrderJson.order(orderId, email, "Rita Rater", "en"))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    customers.recordContact(new ContactDetails(customerId, email, null, "Rita Rater", "en", null, null));
    customers.recordConsent(customerId, MarketingChannel.EMAIL, true, Instant.now(), "test");
    String process = "test-feedback-" + orderId.toLowerCase();
    probe.deploy(Bpmn.createExecutableProcess(process).startEvent()
        .serviceTask("ask", t -> t.zeebeJobType("send-message")
            .zeebeTaskHeader("template", "feedback-request")
            .zeebeTaskHeader("channels", "email")
            .zeebeTaskHeader("purpose", "marketing"))
        .intermediateCatchEvent("rated").message(m -> m.name("feedback-received").zeebeCorrelationKeyExpression("orderId"))
        .serviceTask("seen", t -> t.zeebeJobType("test-feedback-seen"))
        .endEvent().done());
    long instance = probe.start(process, Map.of("orderId", orderId, "customerId", customerId));

    List<String> links = ratingLinksIn(awaitSandboxHtml(email));
    assertThat(links).hasSize(5);
    ResponseEntity<String> choice = get(links.get(1));
    assertThat(choice.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(choice.getBody()).contains("Confirm my rating", "value=\"2\" checked");
    assertThat(get(local(ratingLinks.viewUrl(orderId))).getStatusCode()).as("GET records nothing")
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> page = post(links.get(1));

    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("<strong class=\"rating\">2</strong> out of 5");
    ActivatedJob seen = await().atMost(Duration.ofSeconds(30)).until(
        () -> camunda.newActivateJobsCommand().jobType("test-feedback-seen").maxJobsToActivate(1)
            .fetchVariables("rating").send().join().getJobs(),
        jobs -> !jobs.isEmpty()).get(0);
    assertThat(seen.getVariablesAsMap()).containsEntry("rating", 2);
    camunda.newCompleteCommand(seen).send().join();
    probe.awaitCompleted(instance);

    // Opening another link changes nothing; it offers to change the recorded rating.
    assertThat(get(links.get(4)).getBody()).contains("You rated this order <strong>2</strong>", "value=\"5\" checked");
    assertThat(feedbackOf(orderId)).containsEntry("rating", 2).containsEntry("orderId", orderId);
  }

  @Test
  void aTamperedOrForeignTokenIsRefused() {
    String link = link(orderId, 2);
    String token = link.substring(link.lastIndexOf('/') + 1);
    String signature = token.substring(token.indexOf('.') + 1);
    String raised = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("feedback\n" + orderId + "\n5").getBytes(StandardCharsets.UTF_8));
    String unsubscribe = signedLinks.sign("unsubscribe", orderId, "5");

    assertThat(get("/api/feedback/" + raised + "." + signature).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("/api/feedback/" + unsubscribe).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(get("/api/feedback/garbage").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    // The support ticket's view link is signed too: a bare order id does not open it.
    assertThat(get("/api/feedback/orders/" + orderId).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(get(local(ratingLinks.viewUrl(orderId))).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void theSummaryCountsOneRatingPerOrderAndAveragesThem() {
    String other = OrderJson.newOrderId();
    Map<String, Object> before = summary();

    post(link(orderId, 4));
    post(link(orderId, 1));
    post(link(other, 1));
    get(link(other, 5));

    Map<String, Object> after = summary();
    long count = ((Number) before.get("count")).longValue();
    double sum = before.get("averageRating") == null ? 0 : ((Number) before.get("averageRating")).doubleValue() * count;
    assertThat(((Number) after.get("count")).longValue()).isEqualTo(count + 2);
    // One rating per order: the last confirmed (a change); an unconfirmed click counts for nothing.
    assertThat(((Number) after.get("averageRating")).doubleValue())
        .isCloseTo((sum + 1 + 1) / (count + 2), org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void aSupportTicketLandsInTheSandboxOnce() {
    String process = "test-ticket-" + orderId.toLowerCase();
    probe.deploy(Bpmn.createExecutableProcess(process).startEvent()
        .serviceTask("ticket", t -> t.zeebeJobType("open-support-ticket")).endEvent().done());

    probe.awaitCompleted(probe.start(process, Map.of("orderId", orderId, "customerId", "c-9", "rating", 1)));

    List<Map<String, Object>> tickets = http().get().uri("/api/sandbox/tickets").retrieve()
        .body(new ParameterizedTypeReference<List<Map<String, Object>>>() {});
    assertThat(tickets).filteredOn(t -> orderId.equals(t.get("orderId"))).singleElement()
        .satisfies(t -> assertThat(t)
            .containsEntry("customerId", "c-9")
            .containsEntry("rating", 1));
    // The link carries the second it was signed in, so it is checked by what it opens, not by text.
    String viewPrefix = "http://localhost:8080/api/feedback/orders/";
    String commentUrl = tickets.stream().filter(t -> orderId.equals(t.get("orderId")))
        .map(t -> String.valueOf(t.get("commentUrl"))).findFirst().orElseThrow();
    assertThat(commentUrl).startsWith(viewPrefix);
    assertThat(ratingLinks.verifyView(commentUrl.substring(viewPrefix.length()))).isEqualTo(orderId);
  }

  private String link(String order, int rating) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> links =
        (List<Map<String, Object>>) ratingLinks.variables("feedback-request", order, null).get("ratingLinks");
    return local(links.get(rating - 1).get("url").toString());
  }

  /** A public link of the app (journeys.public-base-url) as a path on this test's port. */
  private static String local(String url) {
    return url.replace("http://localhost:8080", "");
  }

  private String awaitSandboxHtml(String email) {
    return await().atMost(Duration.ofSeconds(30)).until(
            () -> new ShopClient(port).sandboxMessages().stream()
                .filter(m -> email.equals(m.get("to")) && m.get("subject").toString().startsWith("How was"))
                .map(m -> m.get("html").toString())
                .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static List<String> ratingLinksIn(String html) {
    Matcher links = RATING_LINK.matcher(html);
    List<String> paths = new java.util.ArrayList<>();
    while (links.find()) {
      paths.add(links.group(1));
    }
    return paths;
  }

  private Map<String, Object> summary() {
    return http().get().uri("/api/feedback/summary").retrieve()
        .body(new ParameterizedTypeReference<Map<String, Object>>() {});
  }

  private Map<String, Object> feedbackOf(String order) {
    return http().get().uri(local(ratingLinks.viewUrl(order))).retrieve()
        .body(new ParameterizedTypeReference<Map<String, Object>>() {});
  }

  private ResponseEntity<String> post(String path) {
    return http().post().uri(path).contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
        .body(new org.springframework.util.LinkedMultiValueMap<String, String>()).retrieve()
        .onStatus(s -> true, (request, response) -> {}).toEntity(String.class);
  }

  private ResponseEntity<String> get(String path) {
    return http().get().uri(path).retrieve().onStatus(s -> true, (request, response) -> {}).toEntity(String.class);
  }

  private RestClient http() {
    return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
        // signed links need no credentials; the ops reads in these tests (outbox, feedback summary) do
        .defaultHeader(org.springframework.http.HttpHeaders.AUTHORIZATION,
            dev.journeys.TestCredentials.bearer(dev.journeys.TestCredentials.VIEWER_TOKEN))
        .requestFactory(new JdkClientHttpRequestFactory()).build();
  }
}
