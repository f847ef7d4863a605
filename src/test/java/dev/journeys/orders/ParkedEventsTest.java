package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import dev.journeys.security.WebSession;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The parked events page and the inbox's bulk API through the whole app: events parked by a handler
 * that fails (until it is fixed) and by a topic nobody handles are retried or discarded, one by one,
 * selected together, or all of one reason, by an operator; a viewer may only look; a discarded event
 * stays as a record and loses its body with the processed ones.
 */
@JourneysAppTest
@TestPropertySource(properties = {"journeys.orders.inbox.max-attempts=1", "journeys.orders.inbox.retry-initial=100ms"})
class ParkedEventsTest {

  private static final String FLAKY = "test/flaky";
  /** Bodies hold contact details; the handler's failure names them too. The page shows none of it. */
  private static final String PAYLOAD = "{\"email\": \"jane.doe@example.com\", \"phone\": \"+49 151 2345 6789\", \"name\": \"Jane Doe\"}";
  /** Business keys of the events whose handler is broken (set before the event is stored); the others succeed. */
  static final Set<String> broken = ConcurrentHashMap.newKeySet();

  @TestConfiguration
  static class FlakyHandler {
    @Bean
    InboxHandler flakyInboxHandler() {
      return new InboxHandler() {
        @Override
        public List<String> topics() {
          return List.of(FLAKY);
        }

        @Override
        public String handle(InboxEntry entry) {
          if (broken.contains(entry.businessKey())) {
            throw new IllegalStateException("Could not reach jane.doe@example.com at +49 151 2345 6789");
          }
          return "flaky event handled";
        }
      };
    }
  }

  @LocalServerPort int port;
  @Autowired Inbox inbox;
  @Autowired ParkedEvents parked;
  @Autowired WebhookPayloadPurge payloads;
  @Autowired JdbcClient jdbc;

  /** Stores an event of this topic, its handler broken, and waits until it is parked. */
  private long parkedEvent(String topic) {
    String key = "test:" + UUID.randomUUID();
    broken.add(key);
    long id = inbox.accept(new InboxEntry.New("api", topic, null, key, "P-" + key.substring(5, 13), null, PAYLOAD))
        .entry().id();
    await().atMost(Duration.ofSeconds(20)).until(() -> inbox.find(id).orElseThrow().state() == InboxEntry.State.PARKED);
    return id;
  }

  /** The cause is fixed: these events' handler succeeds from now on. */
  private void fix(long... ids) {
    for (long id : ids) {
      broken.remove(inbox.find(id).orElseThrow().businessKey());
    }
  }

  private InboxEntry.State state(long id) {
    return inbox.find(id).orElseThrow().state();
  }

  private Map<String, Long> counts() {
    return parked.reasons().stream().collect(Collectors.toMap(ParkedEvents.Reason::code, ParkedEvents.Reason::count));
  }

  private WebSession loggedIn(String user, String password) {
    WebSession session = new WebSession(port);
    assertThat(session.logIn(user, password).statusCode()).isEqualTo(302);
    return session;
  }

  private static String form(String csrf, String... pairs) {
    StringBuilder form = new StringBuilder("_csrf=" + WebSession.enc(csrf));
    for (int i = 0; i < pairs.length; i += 2) {
      form.append('&').append(pairs[i]).append('=').append(WebSession.enc(pairs[i + 1]));
    }
    return form.toString();
  }

  @Test
  void theOperatorRetriesAndDiscardsParkedEventsOnThePageAndTheViewerOnlyLooks() {
    Map<String, Long> before = counts();
    long first = parkedEvent(FLAKY);
    long second = parkedEvent(FLAKY);
    long third = parkedEvent(FLAKY);
    long unknownA = parkedEvent("test/nobody-handles-this");
    long unknownB = parkedEvent("test/nobody-handles-this");

    WebSession viewer = loggedIn("viewer", TestCredentials.VIEWER_PASSWORD);
    String page = viewer.get("/dashboard/parked").body();
    long failed = before.getOrDefault("FAILED", 0L) + 3;
    long unknownTopic = before.getOrDefault("UNKNOWN_TOPIC", 0L) + 2;
    assertThat(page).contains("data-reason=\"FAILED\" data-count=\"" + failed + "\"")
        .contains("data-reason=\"UNKNOWN_TOPIC\" data-count=\"" + unknownTopic + "\"")
        .contains("data-id=\"" + first + "\" data-code=\"FAILED\"", "data-id=\"" + unknownB + "\" data-code=\"UNKNOWN_TOPIC\"")
        .contains(FLAKY, "Could not reach j***@example.com at ***6789")
        .doesNotContain("jane.doe", "Jane Doe", "2345 6789", "class=\"retry", "name=\"ids\"");
    String viewerCsrf = viewer.csrfFrom("/dashboard/parked");
    assertThat(viewer.postForm("/dashboard/parked/" + first + "/retry", form(viewerCsrf)).statusCode()).isEqualTo(403);
    assertThat(viewer.postForm("/dashboard/parked/discard", form(viewerCsrf, "reason", "FAILED")).statusCode()).isEqualTo(403);
    assertThat(state(first)).isEqualTo(InboxEntry.State.PARKED);

    WebSession operator = loggedIn("operator", TestCredentials.OPERATOR_PASSWORD);
    String operatorPage = operator.get("/dashboard/parked?reason=FAILED").body();
    assertThat(operatorPage).contains("name=\"ids\" value=\"" + first + "\"", "Retry all " + failed)
        .doesNotContain("data-id=\"" + unknownA + "\"");
    String csrf = operator.csrfFrom("/dashboard/parked");
    assertThat(operator.postForm("/dashboard/parked/retry", "ids=" + first).statusCode()).as("no CSRF token").isEqualTo(403);

    // The cause is fixed for the first two: selected together, they are processed this time.
    fix(first, second);
    HttpResponse<String> retried = operator.postForm("/dashboard/parked/retry",
        form(csrf, "ids", "" + first, "ids", "" + second, "back", "/dashboard/parked?reason=FAILED"));
    assertThat(retried.statusCode()).isEqualTo(302);
    assertThat(retried.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard/parked?reason=FAILED");
    await().atMost(Duration.ofSeconds(20)).until(() -> state(first) == InboxEntry.State.DONE && state(second) == InboxEntry.State.DONE);
    assertThat(inbox.find(first).orElseThrow().outcome()).isEqualTo("flaky event handled");
    assertThat(operator.get("/dashboard/parked?reason=FAILED").body()).contains("2 event(s) back in line.");

    // Still broken: one row's own button puts it back in line, and it is parked again.
    Instant parkedAt = inbox.find(third).orElseThrow().processedAt();
    assertThat(operator.postForm("/dashboard/parked/" + third + "/retry", form(csrf, "ids", "" + first)).statusCode()).isEqualTo(302);
    await().atMost(Duration.ofSeconds(20)).until(() -> state(third) == InboxEntry.State.PARKED
        && inbox.find(third).orElseThrow().processedAt().isAfter(parkedAt));

    // Nobody will handle that topic: all of that reason, up to the newest the operator saw.
    long unknownLater = parkedEvent("test/nobody-handles-this");
    assertThat(operator.postForm("/dashboard/parked/discard", form(csrf, "reason", "UNKNOWN_TOPIC", "upTo", "" + unknownB))
        .statusCode()).isEqualTo(302);
    for (long id : List.of(unknownA, unknownB)) {
      InboxEntry discarded = inbox.find(id).orElseThrow();
      assertThat(discarded.state()).isEqualTo(InboxEntry.State.DISCARDED);
      assertThat(discarded.discardedBy()).isEqualTo("operator");
      assertThat(discarded.discardedAt()).isNotNull();
      assertThat(discarded.parkCode()).as("why it was parked stays on record").isEqualTo("UNKNOWN_TOPIC");
    }
    assertThat(state(unknownLater)).as("parked after the operator looked").isEqualTo(InboxEntry.State.PARKED);
    assertThat(operator.postForm("/dashboard/parked/" + unknownLater + "/discard", form(csrf)).statusCode()).isEqualTo(302);
    assertThat(state(unknownLater)).isEqualTo(InboxEntry.State.DISCARDED);

    assertThat(counts().getOrDefault("FAILED", 0L)).isEqualTo(failed - 2);
    assertThat(counts().getOrDefault("UNKNOWN_TOPIC", 0L)).isEqualTo(unknownTopic - 2);
  }

  @Test
  void badFormsAreRefusedNamingTheField() {
    WebSession operator = loggedIn("operator", TestCredentials.OPERATOR_PASSWORD);
    String csrf = operator.csrfFrom("/dashboard/parked");

    HttpResponse<String> nothing = operator.postForm("/dashboard/parked/retry", form(csrf));
    assertThat(nothing.statusCode()).isEqualTo(400);
    assertThat(nothing.body()).contains("ids");
    HttpResponse<String> reason = operator.postForm("/dashboard/parked/discard", form(csrf, "reason", "BORED"));
    assertThat(reason.statusCode()).isEqualTo(400);
    assertThat(reason.body()).isEqualTo("reason must be one of UNKNOWN_ORDER, UNKNOWN_TOPIC, INVALID, FAILED");
    HttpResponse<String> id = operator.postForm("/dashboard/parked/retry", form(csrf, "ids", "seven"));
    assertThat(id.statusCode()).isEqualTo(400);
    assertThat(id.body()).isEqualTo("Expected ids to be event ids, but got 'seven'");
    assertThat(operator.get("/dashboard/parked?reason=BORED").statusCode()).isEqualTo(400);
  }

  @Test
  void theApiRetriesAndDiscardsInBulkForOperatorsOnly() throws Exception {
    long fixed = parkedEvent(FLAKY);
    long stillBroken = parkedEvent(FLAKY);
    long unwanted = parkedEvent("test/nobody-handles-this-either");
    WebSession api = new WebSession(port);
    ObjectMapper json = new ObjectMapper();

    assertThat(api.postJson("/api/inbox/retry", "{\"ids\": [" + fixed + "]}", TestCredentials.VIEWER_TOKEN).statusCode())
        .isEqualTo(403);
    assertThat(api.postJson("/api/inbox/discard", "{\"reason\": \"FAILED\"}", TestCredentials.VIEWER_TOKEN).statusCode())
        .isEqualTo(403);
    assertThat(api.postJson("/api/inbox/" + unwanted + "/discard", "", TestCredentials.VIEWER_TOKEN).statusCode())
        .isEqualTo(403);

    fix(fixed);
    HttpResponse<String> retried = api.postJson("/api/inbox/retry",
        "{\"ids\": [" + fixed + ", " + stillBroken + ", 999999999]}", TestCredentials.OPERATOR_TOKEN);
    assertThat(retried.statusCode()).isEqualTo(200);
    JsonNode outcome = json.readTree(retried.body());
    assertThat(outcome.get("count").asInt()).isEqualTo(2);
    assertThat(outcome.get("ids").toString()).isEqualTo("[" + fixed + "," + stillBroken + "]");
    assertThat(outcome.get("notParked").toString()).isEqualTo("[999999999]");
    await().atMost(Duration.ofSeconds(20)).until(() -> state(fixed) == InboxEntry.State.DONE);
    await().atMost(Duration.ofSeconds(20)).until(() -> state(stillBroken) == InboxEntry.State.PARKED
        && inbox.find(stillBroken).orElseThrow().attempts() == 1);

    HttpResponse<String> discarded = api.postJson("/api/inbox/discard", "{\"ids\": [" + stillBroken + ", " + fixed + "]}",
        TestCredentials.OPERATOR_TOKEN);
    assertThat(json.readTree(discarded.body()).get("notParked").toString()).as("a processed event stays processed")
        .isEqualTo("[" + fixed + "]");
    assertThat(state(fixed)).isEqualTo(InboxEntry.State.DONE);
    HttpResponse<String> one = api.postJson("/api/inbox/" + unwanted + "/discard", "", TestCredentials.OPERATOR_TOKEN);
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(json.readTree(one.body()).get("state").asText()).isEqualTo("DISCARDED");
    assertThat(json.readTree(one.body()).get("discardedBy").asText()).isEqualTo("token:test-operator");
    assertThat(api.postJson("/api/inbox/" + unwanted + "/discard", "", TestCredentials.OPERATOR_TOKEN).statusCode())
        .as("no longer parked").isEqualTo(409);
    assertThat(api.get("/api/inbox?state=discarded&limit=500", TestCredentials.VIEWER_TOKEN).body())
        .contains("\"id\":\"" + stillBroken + "\"", "\"id\":\"" + unwanted + "\"");

    // Retention: the discarded events' bodies go with the processed ones'; their rows stay.
    payloads.purgeBefore(Instant.now().plusSeconds(60), 10_000);
    for (long id : List.of(stillBroken, unwanted, fixed)) {
      assertThat(jdbc.sql("SELECT COUNT(*) FROM inbox_payload WHERE inbox_id = ?").param(id).query(Long.class).single())
          .isZero();
      assertThat(jdbc.sql("SELECT state FROM inbox WHERE id = ?").param(id).query(String.class).single()).isNotNull();
    }
  }

  @Test
  void badBulkRequestsAreRefusedNamingTheField() throws Exception {
    WebSession api = new WebSession(port);
    ObjectMapper json = new ObjectMapper();
    Map<String, String> cases = Map.of(
        "{}", "ids",
        "{\"ids\": [1], \"reason\": \"FAILED\"}", "ids",
        "{\"ids\": []}", "ids",
        "{\"ids\": [0]}", "ids",
        "{\"ids\": [\"seven\"]}", "ids[0]",
        "{\"reason\": \"BORED\"}", "reason",
        "{\"reason\": \"FAILED\", \"upToId\": -1}", "upToId",
        "{\"ids\": [1], \"upToId\": 5}", "upToId");
    for (var c : cases.entrySet()) {
      for (String action : List.of("retry", "discard")) {
        HttpResponse<String> answer = api.postJson("/api/inbox/" + action, c.getKey(), TestCredentials.OPERATOR_TOKEN);
        assertThat(answer.statusCode()).as(action + " " + c.getKey()).isEqualTo(400);
        assertThat(json.readTree(answer.body()).get("fields").has(c.getValue())).as(action + " " + c.getKey() + ": " + answer.body())
            .isTrue();
      }
    }
    String tooMany = "{\"ids\": [" + String.join(",", java.util.Collections.nCopies(501, "1")) + "]}";
    HttpResponse<String> answer = api.postJson("/api/inbox/retry", tooMany, TestCredentials.OPERATOR_TOKEN);
    assertThat(json.readTree(answer.body()).get("fields").get("ids").asText()).isEqualTo("must name at most 500 events, but names 501");
  }
}
