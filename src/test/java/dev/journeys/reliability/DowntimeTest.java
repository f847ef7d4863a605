package dev.journeys.reliability;

import static dev.journeys.Awaits.awaitDuring;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.journeys.TestCredentials;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The app is killed (kill -9) while feedback timers wait, and starts again on the same database.
 * On the controlled clock the downtime is a day: after the restart the clock jumps +1 h (nothing
 * falls due) and then +25 h (every feedback request is overdue). Each overdue timer fires once, and
 * nothing else is sent. That overdue timers fire in due order is proven at the engine's level by
 * dev.journeys.engine.events.TimerDowntimeTest; here several become due in one jump and are sent
 * concurrently.
 */
// Its cases run side by side (junit-platform.properties), their start-ups taking turns (AppProcess),
// in Failsafe's phase beside the other tests of child apps (pom.xml).
@Execution(ExecutionMode.CONCURRENT)
class DowntimeTest {

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

  @TempDir Path data;

  @Test
  void timersThatFellDueWhileTheAppWasDownFireOnceAfterTheRestart() throws Exception {
    List<String> orders = new ArrayList<>();
    Instant lastDelivery;
    try (AppProcess app = AppProcess.start(data, "downtime-before", settings())) {
      ShopClient shop = new ShopClient(app.httpPort());
      for (int i = 0; i < 3; i++) {
        String orderId = OrderJson.newOrderId();
        orders.add(orderId);
        // Consent to marketing email: the feedback request is marketing.
        String body = OrderJson.order(orderId, email(orderId), "Jane", "en")
            .replace("\"name\": \"Jane\"}", "\"name\": \"Jane\", \"marketingConsent\": {\"email\": true}}");
        // A shop retries an order answered 503 (e.g. the journeys still being deployed at start-up).
        await().atMost(Duration.ofSeconds(30)).until(() -> accepted(shop, body));
      }
      // The clock only moves once nothing is being sent: a jump of hours past a job's timeout and
      // the send lease is a worker presumed dead, and its email would rightly go out a second time.
      for (String orderId : orders) {
        await().atMost(Duration.ofSeconds(60)).until(() -> subjects(orderId).size() == 1);
      }
      for (String orderId : orders) {
        // Deliveries two hours apart: feedback requests fall due at +24 h, +26 h and +28 h.
        clock(app, Map.of("advance", "PT2H"));
        assertThat(shop.post("/api/orders/" + orderId + "/shipments",
            "{\"status\":\"DELIVERED\",\"carrier\":\"DHL\",\"eventId\":\"d-" + orderId + "\"}")
            .getStatusCode().is2xxSuccessful()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> subjects(orderId).size() == 2);
      }
      lastDelivery = clock(app, Map.of());
      app.kill();
    }

    try (AppProcess app = AppProcess.start(data, "downtime-after", settings());
        CamundaClient client = client(app)) {
      clock(app, Map.of("to", lastDelivery.plus(Duration.ofHours(1)).toString()));
      awaitDuring(Duration.ofSeconds(3))
          .until(() -> orders.stream().allMatch(id -> subjects(id).size() == 2));

      clock(app, Map.of("to", lastDelivery.plus(Duration.ofHours(26)).toString()));
      for (String orderId : orders) {
        await().atMost(Duration.ofSeconds(60)).until(() -> subjects(orderId).size() == 3);
      }
      // Time for a timer that would fire twice to send again: each order keeps its three emails.
      awaitDuring(Duration.ofSeconds(3))
          .until(() -> orders.stream().allMatch(id -> subjects(id).size() == 3));
      for (String orderId : orders) {
        assertThat(subjects(orderId)).as("emails of %s", orderId)
            .filteredOn(s -> s.contains("How was your order")).hasSize(1);
        assertThat(subjects(orderId)).hasSize(3);
      }
      assertThat(client.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE)).send().join().items())
          .as("open incidents").isEmpty();
    }
  }

  private static boolean accepted(ShopClient shop, String body) {
    try {
      return shop.postOrder(body).getStatusCode().is2xxSuccessful();
    } catch (RuntimeException refused) {
      return false;
    }
  }

  private static String email(String orderId) {
    return "down-" + orderId.toLowerCase() + "@example.com";
  }

  private static List<String> subjects(String orderId) {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email(orderId))).map(DowntimeTest::subject).toList();
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** GET (empty body) or POST /api/engine/clock; the engine's now. */
  private static Instant clock(AppProcess app, Map<String, String> change) {
    RestClient http = RestClient.builder().baseUrl("http://127.0.0.1:" + app.httpPort() + "/api/engine/clock")
        .defaultHeader("Authorization", TestCredentials.bearer(TestCredentials.ADMIN_TOKEN)).build();
    Map<?, ?> answer = change.isEmpty()
        ? http.get().retrieve().body(Map.class)
        : http.post().contentType(MediaType.APPLICATION_JSON).body(change).retrieve().body(Map.class);
    return Instant.parse(answer.get("now").toString());
  }

  private static Map<String, String> settings() {
    return Map.of(
        "journeys.engine.clock", "controlled",
        "spring.mail.host", "127.0.0.1",
        "spring.mail.port", Integer.toString(smtp.getSmtp().getPort()),
        "camunda.client.worker.defaults.timeout", "PT5S",
        "journeys.notify.send-lease", "3s",
        "journeys.notify.retry-backoff", "1s",
        "journeys.orders.inbox.lease", "3s");
  }

  private static CamundaClient client(AppProcess app) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(app.grpcAddress()).restAddress(app.restAddress()).preferRestOverGrpc(false).build();
  }
}
