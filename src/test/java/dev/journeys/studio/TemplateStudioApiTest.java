package dev.journeys.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.SharedSmtp;
import dev.journeys.TestCredentials;
import dev.journeys.orders.ShopClient;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The studio's message template API as the editor calls it (role marketer): a live preview by the
 * sending renderer that names a strict-variable error's variable and shows an SMS's segments and a
 * push's lengths; drafts, publishing and the history, audited; a test email to the caller's own
 * address through the real SMTP transport, marked as a test and outside the outbox; and a
 * published version is what the next customer email uses. A context of its own (templates), shared
 * with TemplateStudioBrowserTest: publishing changes what every send in it renders.
 */
@JourneysAppTest
@SharedSmtp.Uses
@TestPropertySource(properties = "journeys.test.context=templates")
class TemplateStudioApiTest {

  static final String API = "/api/studio/templates";

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void onlyMarketersAndAdminsUseTheTemplateStudio() throws Exception {
    assertThat(send("GET", API, null, TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(403);
    assertThat(send("POST", API + "/delay-alert/en/preview", "{}", TestCredentials.VIEWER_TOKEN).statusCode())
        .isEqualTo(403);
    assertThat(send("POST", API + "/delay-alert/en/publish", "", TestCredentials.OPERATOR_TOKEN).statusCode())
        .isEqualTo(403);
    var list = send("GET", API, null, TestCredentials.MARKETER_TOKEN);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode shipping = find(json.readTree(list.body()), "shipping-update");
    List<String> parts = new ArrayList<>();
    shipping.at("/locales/en").forEach(p -> parts.add(p.asText()));
    assertThat(parts).containsExactly(".subject.txt", ".txt", ".html", ".sms.txt", ".push.txt", ".whatsapp.txt");
    assertThat(shipping.at("/locales/zh-CN")).hasSize(6);
    assertThat(find(json.readTree(list.body()), "_parts").at("/locales/en").toString()).contains("/greeting.txt");
  }

  @Test
  void thePreviewNamesAStrictVariableErrorAndCountsSmsSegmentsAndPushLengths() throws Exception {
    String body = json.writeValueAsString(Map.of("parts", Map.of(
        ".html", "<p th:text=\"${customerFirstName}\">x</p>",
        ".sms.txt", "Hello [(${customerName})]",
        ".push.txt", "Your parcel\nIt is on its way"), "variant", 0));
    var response = send("POST", API + "/delay-alert/en/preview", body, TestCredentials.MARKETER_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode preview = json.readTree(response.body());

    assertThat(preview.get("problems")).hasSize(1);
    assertThat(preview.at("/problems/0/part").asText()).isEqualTo(".html");
    assertThat(preview.at("/problems/0/variable").asText()).isEqualTo("customerFirstName");
    assertThat(preview.at("/problems/0/message").asText()).contains("'customerFirstName'").contains("customerName");

    JsonNode sms = part(preview, ".sms.txt");
    assertThat(sms.get("text").asText()).isEqualTo("Hello Maximilian Alexander Fitzgerald");
    assertThat(sms.at("/figures/segments").asInt()).isEqualTo(1);
    assertThat(sms.at("/figures/characters").asInt()).isEqualTo(37);
    assertThat(sms.at("/figures/encoding").asText()).isEqualTo("GSM-7");
    JsonNode push = part(preview, ".push.txt");
    assertThat(push.at("/figures/titleLength").asInt()).isEqualTo(11);
    assertThat(push.at("/figures/bodyLength").asInt()).isEqualTo(16);
    assertThat(part(preview, ".subject.txt").get("text").asText()).as("unedited parts render their current text")
        .isEqualTo("Your order #1000012345 is delayed");

    String longSms = json.writeValueAsString(Map.of("parts", Map.of(".sms.txt", "ł".repeat(150))));
    JsonNode ucs2 = part(json.readTree(send("POST", API + "/delay-alert/en/preview", longSms,
        TestCredentials.MARKETER_TOKEN).body()), ".sms.txt");
    assertThat(ucs2.at("/figures/segments").asInt()).as("150 characters outside GSM-7: UCS-2, 67 a segment")
        .isEqualTo(3);
  }

  @Test
  void aPreviewRendersARealOrder() throws Exception {
    String orderId = "T-" + UUID.randomUUID().toString().substring(0, 8);
    postOrder(orderId, "real-" + orderId + "@example.com", "Rita Real");
    JsonNode preview = json.readTree(send("POST", API + "/order-confirmation/en/preview",
        "{\"orderId\": \"" + orderId + "\"}", TestCredentials.MARKETER_TOKEN).body());
    assertThat(preview.get("problems")).isEmpty();
    assertThat(part(preview, ".subject.txt").get("text").asText()).isEqualTo("Your order " + orderId + " is confirmed");
    assertThat(part(preview, ".html").get("text").asText()).contains("Rita").contains("Blue mug");
  }

  @Test
  void badInputIsRefusedNamingTheField() throws Exception {
    String token = TestCredentials.MARKETER_TOKEN;
    assertBad(send("PUT", API + "/delay-alert/en/draft", "{\"parts\": {\".exe\": \"x\"}}", token), "part");
    assertBad(send("PUT", API + "/delay-alert/en/draft", "{\"parts\": {}}", token), "parts");
    assertBad(send("POST", API + "/delay-alert/en!/preview", "{}", token), "locale");
    assertBad(send("POST", API + "/Delay Alert/en/preview".replace(" ", "%20"), "{}", token), "template");
    assertBad(send("POST", API + "/delay-alert/en/preview", "{\"variant\": 99}", token), "variant");
    assertBad(send("POST", API + "/delay-alert/en/preview", "{\"orderId\": \"no-such-order\"}", token), "orderId");
    assertBad(send("POST", API + "/delay-alert/en/preview", "{\"purpose\": \"sales\"}", token), "purpose");
    assertBad(send("POST", API + "/photo-invitation/en/publish", "", token), "draft");
    assertBad(send("POST", API + "/order-confirmation/en/test-send", "{}", TestCredentials.ADMIN_TOKEN),
        "email address");
  }

  @Test
  void aDraftThatCannotRenderIsNotPublished() throws Exception {
    String token = TestCredentials.MARKETER_TOKEN;
    String broken = json.writeValueAsString(Map.of("parts", Map.of(".subject.txt", "Hi [(${nickname})]")));
    assertThat(send("PUT", API + "/feedback-request/en/draft", broken, token).statusCode()).isEqualTo(200);
    var refused = send("POST", API + "/feedback-request/en/publish", "", token);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(json.readTree(refused.body()).at("/problems/0/variable").asText()).isEqualTo("nickname");
    JsonNode files = json.readTree(send("GET", API + "/feedback-request/en", null, token).body());
    assertThat(file(files, ".subject.txt").get("version").asInt()).as("still the packaged file").isZero();
    assertThat(send("DELETE", API + "/feedback-request/en/draft", null, token).statusCode()).isEqualTo(204);
    assertThat(send("DELETE", API + "/feedback-request/en/draft", null, token).statusCode()).isEqualTo(404);
  }

  @Test
  void aTestEmailGoesToTheCallersOwnAddressMarkedAsATestAndIsNoCustomerMessage() throws Exception {
    long outbox = jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single();
    String marker = UUID.randomUUID().toString().substring(0, 8);
    String body = json.writeValueAsString(Map.of("parts",
        Map.of(".subject.txt", "Test run " + marker + " for [(${orderId})]")));
    var response = send("POST", API + "/order-confirmation/en/test-send", body, TestCredentials.MARKETER_TOKEN);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json.readTree(response.body()).get("sentTo").asText()).doesNotContain("test-marketer@");

    MimeMessage mail = awaitMail("test-marketer@shop.test", "[TEST] Test run " + marker + " for #1000012345");
    assertThat(mail.getHeader("X-Journeys-Test", null)).isEqualTo("true");
    assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox").query(Long.class).single()).as("no customer message")
        .isEqualTo(outbox);
    assertThat(actions("template:order-confirmation/en")).contains("token:test-marketer test-sent");
  }

  @Test
  void aPublishedVersionIsWhatTheNextCustomerEmailUsesAndEveryChangeIsAudited() throws Exception {
    String token = TestCredentials.MARKETER_TOKEN;
    String before = "T-" + UUID.randomUUID().toString().substring(0, 8);
    postOrder(before, "before-" + before + "@example.com", "Bea Before");
    awaitMail("before-" + before + "@example.com", "Your order " + before + " is confirmed");

    String draft = json.writeValueAsString(Map.of("parts", Map.of(".subject.txt", "We have your order [(${orderId})]")));
    assertThat(send("PUT", API + "/order-confirmation/en/draft", draft, token).statusCode()).isEqualTo(200);
    JsonNode files = json.readTree(send("GET", API + "/order-confirmation/en", null, token).body());
    JsonNode subject = file(files, ".subject.txt");
    assertThat(subject.get("draft").asText()).isEqualTo("We have your order [(${orderId})]");
    assertThat(subject.get("packaged").asText()).contains("is confirmed");
    assertThat(subject.get("draftBy").asText()).isEqualTo("token:test-marketer");
    int running = subject.get("version").asInt();

    String between = "T-" + UUID.randomUUID().toString().substring(0, 8);
    postOrder(between, "between-" + between + "@example.com", "Ben Between");
    awaitMail("between-" + between + "@example.com", "Your order " + between + " is confirmed");

    var published = send("POST", API + "/order-confirmation/en/publish", "", token);
    assertThat(published.statusCode()).isEqualTo(201);
    assertThat(json.readTree(published.body()).at("/published/0/version").asInt()).isEqualTo(running + 1);
    String after = "T-" + UUID.randomUUID().toString().substring(0, 8);
    postOrder(after, "after-" + after + "@example.com", "Ada After");
    awaitMail("after-" + after + "@example.com", "We have your order " + after);

    JsonNode history = json.readTree(send("GET", API + "/order-confirmation/en/history", null, token).body());
    assertThat(history.at("/versions/0/part").asText()).isEqualTo(".subject.txt");
    assertThat(history.at("/versions/0/version").asInt()).isEqualTo(running + 1);
    assertThat(history.at("/versions/0/by").asText()).isEqualTo("token:test-marketer");
    assertThat(send("GET", API + "/order-confirmation/en/text?part=.subject.txt&version=0", null, token).body())
        .as("version 0 is the packaged file").contains("is confirmed");
    assertThat(actions("template:order-confirmation/en")).as("newest first").containsSubsequence(
        "token:test-marketer template-published", "token:test-marketer template-saved");
  }

  private List<String> actions(String what) throws Exception {
    List<String> actions = new ArrayList<>();
    String[] parts = what.substring("template:".length()).split("/");
    json.readTree(send("GET", API + "/" + parts[0] + "/" + parts[1] + "/history", null,
        TestCredentials.MARKETER_TOKEN).body()).get("audit")
        .forEach(e -> actions.add(e.get("actor").asText() + " " + e.get("action").asText()));
    return actions;
  }

  /**
   * Two marketers publishing the same template locale at once, each from the version they opened,
   * on two threads through the app: one publishes, the other gets 409 naming who published which
   * version when, and their text is kept as the draft; nothing else was published.
   */
  @Test
  void twoMarketersPublishingOneTemplateAtOnceOneWinsTheOtherGets409AndKeepsTheirText() throws Exception {
    String path = API + "/cancellation-notice/zh-CN";
    int opened = file(json.readTree(send("GET", path, null, TestCredentials.MARKETER_TOKEN).body()), ".subject.txt")
        .get("version").asInt();
    String ann = "您的订单 [(${orderId})] 已取消 (Ann)";
    String bob = "您的订单 [(${orderId})] 已取消 (Bob)";
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(2);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    List<HttpResponse<String>> responses = new ArrayList<>();
    try {
      var first = pool.submit(() -> {
        barrier.await();
        return send("POST", path + "/publish", publishBody(ann, opened), TestCredentials.MARKETER_TOKEN);
      });
      var second = pool.submit(() -> {
        barrier.await();
        return send("POST", path + "/publish", publishBody(bob, opened), TestCredentials.ADMIN_TOKEN);
      });
      responses.add(first.get());
      responses.add(second.get());
    } finally {
      pool.shutdownNow();
    }
    assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
    boolean annWon = responses.get(0).statusCode() == 201;
    String winner = annWon ? "token:test-marketer" : "token:test-admin";
    JsonNode conflict = json.readTree(responses.get(annWon ? 1 : 0).body());
    assertThat(conflict.get("error").asText()).contains("cancellation-notice/zh-CN")
        .contains(".subject.txt version " + (opened + 1) + " was published by " + winner + " at ").contains("reload");
    assertThat(conflict.get("publishedBy").asText()).isEqualTo(winner);
    assertThat(conflict.get("draftKept").asBoolean()).isTrue();

    JsonNode subject = file(json.readTree(send("GET", path, null, TestCredentials.MARKETER_TOKEN).body()),
        ".subject.txt");
    assertThat(subject.get("version").asInt()).as("one publish, not two").isEqualTo(opened + 1);
    assertThat(subject.get("published").asText()).isEqualTo(annWon ? ann : bob);
    assertThat(subject.get("draft").asText()).as("the refused text is not lost").isEqualTo(annWon ? bob : ann);

    var stale = send("POST", path + "/publish", publishBody(ann, opened), TestCredentials.MARKETER_TOKEN);
    assertThat(stale.statusCode()).as("opened at %d, %d is published", opened, opened + 1).isEqualTo(409);
    assertThat(send("DELETE", path + "/draft", null, TestCredentials.MARKETER_TOKEN).statusCode()).isEqualTo(204);
  }

  private String publishBody(String subject, int opened) throws Exception {
    return json.writeValueAsString(Map.of("parts", Map.of(".subject.txt", subject),
        "openedVersions", Map.of(".subject.txt", opened)));
  }

  private void postOrder(String orderId, String email, String name) {
    ShopClient shop = new ShopClient(port);
    assertThat(shop.postOrder("""
        {"orderId": "%s", "customer": {"id": "C-%s", "email": "%s", "name": "%s"},
         "items": [{"sku": "MUG-01", "name": "Blue mug", "quantity": 1, "unitPrice": 12.50}],
         "total": 12.50, "currency": "EUR", "locale": "en"}""".formatted(orderId, orderId, email, name))
        .getStatusCode().value()).isEqualTo(201);
  }

  static MimeMessage awaitMail(String to, String subject) {
    return await("an email \"" + subject + "\" to " + to).atMost(Duration.ofSeconds(30)).until(
        () -> Arrays.stream(SharedSmtp.server().getReceivedMessages()).filter(m -> {
          try {
            return ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress().equalsIgnoreCase(to)
                && subject.equals(m.getSubject());
          } catch (jakarta.mail.MessagingException e) {
            return false;
          }
        }).findFirst(), java.util.Optional::isPresent).orElseThrow();
  }

  private static void assertBad(HttpResponse<String> response, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(response.body()).contains(field);
  }

  private static JsonNode find(JsonNode templates, String name) {
    for (JsonNode t : templates) {
      if (t.get("name").asText().equals(name)) {
        return t;
      }
    }
    throw new AssertionError("Expected template " + name + " in " + templates);
  }

  private static JsonNode part(JsonNode preview, String part) {
    for (JsonNode p : preview.get("parts")) {
      if (p.get("part").asText().equals(part)) {
        return p;
      }
    }
    throw new AssertionError("Expected part " + part + " in " + preview);
  }

  private static JsonNode file(JsonNode view, String part) {
    for (JsonNode f : view.get("files")) {
      if (f.get("part").asText().equals(part)) {
        return f;
      }
    }
    throw new AssertionError("Expected file " + part + " in " + view);
  }

  private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestCredentials.bearer(token));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
