package dev.journeys.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Two marketers publishing the same journey at the same moment, each from the version they
 * opened, through the app on a random port (two real HTTP requests on two threads): one becomes
 * the next version, the other is refused with 409 naming who published what and when, and the
 * refused model is kept as the journey's draft, so neither change is lost. The studio context, as
 * StudioApiTest.
 */
@JourneysAppTest
@TestPropertySource(properties = "journeys.test.context=studio")
class StudioConcurrencyTest {

  static final String JOURNEY = "/api/studio/journeys/post-purchase";

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void twoMarketersPublishingTheSameJourneyAtOnceOneWinsTheOtherGets409AndKeepsTheirModel() throws Exception {
    String token = TestCredentials.MARKETER_TOKEN;
    send("DELETE", JOURNEY + "/draft", null, token, null); // StudioApiTest's, in this shared context
    int opened = json.readTree(send("GET", JOURNEY, null, token, null).body()).at("/versions/0/version").asInt();
    String xml = send("GET", JOURNEY + "/xml", null, token, null).body();
    String ann = rename(xml, "Confirm the order (Ann)");
    String bob = rename(xml, "Confirm the order (Bob)");

    List<HttpResponse<String>> responses = atOnce(
        () -> send("POST", JOURNEY + "/publish?openedVersion=" + opened, ann, TestCredentials.MARKETER_TOKEN, null),
        () -> send("POST", JOURNEY + "/publish?openedVersion=" + opened, bob, TestCredentials.ADMIN_TOKEN, null));

    assertThat(responses).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 409);
    HttpResponse<String> won = responses.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
    HttpResponse<String> lost = responses.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
    int version = json.readTree(won.body()).get("version").asInt();
    assertThat(version).isEqualTo(opened + 1);
    String winner = responses.get(0) == won ? "token:test-marketer" : "token:test-admin";
    JsonNode conflict = json.readTree(lost.body());
    assertThat(conflict.get("error").asText())
        .contains("post-purchase")
        .contains("version " + version + " was published by " + winner + " at ")
        .contains("reload");
    assertThat(conflict.get("latestVersion").asInt()).isEqualTo(version);
    assertThat(conflict.get("publishedBy").asText()).isEqualTo(winner);
    assertThat(conflict.get("draftKept").asBoolean()).as("the refused model is not lost").isTrue();

    String loser = responses.get(0) == won ? bob : ann;
    String winnerModel = responses.get(0) == won ? ann : bob;
    assertThat(send("GET", JOURNEY + "/xml", null, token, null).body()).as("the winner's model runs").isEqualTo(winnerModel);
    assertThat(send("GET", JOURNEY + "/draft", null, token, null).body()).as("the loser's model is the draft")
        .isEqualTo(loser);
    JsonNode journey = json.readTree(send("GET", JOURNEY, null, token, null).body());
    assertThat(journey.at("/versions/0/version").asInt()).as("nothing else was published").isEqualTo(version);
    assertThat(journey.at("/draft/baseVersion").asInt()).isEqualTo(opened);
    send("DELETE", JOURNEY + "/draft", null, token, null);
  }

  @SafeVarargs
  private static <T> List<T> atOnce(Callable<T>... calls) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(calls.length);
    ExecutorService pool = Executors.newFixedThreadPool(calls.length);
    try {
      List<Future<T>> futures = java.util.Arrays.stream(calls).map(call -> pool.submit(() -> {
        barrier.await();
        return call.call();
      })).toList();
      java.util.ArrayList<T> results = new java.util.ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static String rename(String xml, String name) {
    String renamed = xml.replaceFirst("(<serviceTask id=\"send_order_confirmation\" name=\")[^\"]*\"", "$1" + name + "\"");
    assertThat(renamed).isNotEqualTo(xml);
    return renamed;
  }

  private HttpResponse<String> send(String method, String path, String body, String token, String type)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Authorization", TestCredentials.bearer(token));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", type == null ? "application/xml" : type)
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
