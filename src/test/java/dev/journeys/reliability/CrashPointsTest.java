package dev.journeys.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.faults.CrashPoints;
import dev.journeys.orders.ShopifyWebhooks;
import dev.journeys.orders.ShopifyWebhooks.Delivery;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import jakarta.mail.internet.MimeMessage;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app halts (as kill -9 would stop it) at each crash point on a signed order's way from webhook
 * to confirmation email, then starts again on the same database. Nothing accepted is lost, no
 * incident is left, and only a crash between the SMTP server's acceptance and our commit may send
 * a message twice: the resend carries the same Message-ID.
 *
 * <p>The crash points run concurrently too (each on its own database, ports and recipient): most of
 * a case is waiting for child processes to start, halt and take over, and the waits overlap.
 */
// Its apps run in child processes and it mostly waits on them: it runs beside the rest of the
// suite (junit-platform.properties), its start-ups taking turns with the others' (AppProcess).
@Execution(ExecutionMode.CONCURRENT)
class CrashPointsTest {

  @RegisterExtension
  static final GreenMailExtension smtp =
      new GreenMailExtension(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          // One server for the concurrent cases; each counts only the mail to its own address.
          .withPerMethodLifecycle(false);

  @TempDir Path data;

  @ParameterizedTest(name = "{0}")
  // These orders are only emailed, so the app would never reach the SMS provider's point and halt;
  // SmsCrashPointTest crashes there.
  @EnumSource(value = CrashPoints.Point.class, mode = EnumSource.Mode.EXCLUDE, names = "AFTER_PROVIDER_ACCEPT")
  void nothingIsLostAndAtMostTheInFlightMessageIsRepeated(CrashPoints.Point point) throws Exception {
    String orderId = ShopifyWebhooks.newId();
    String email = "crash-" + point.key() + "@example.com";
    Delivery order =
        Delivery.of(
            "orders/create",
            ShopifyWebhooks.payload(
                "orders-create.json",
                Map.of("5830174523581", orderId, "7391024578237", ShopifyWebhooks.newId(),
                    // placed now: an order from the fixture's date is too old to confirm (stale-after)
                    "2025-03-14T09:26:53+01:00", java.time.Instant.now().toString(),
                    "mei.lin@example.com", email)));

    try (AppProcess crashing = AppProcess.start(data, "crash-" + point.key(), settings(point.key()))) {
      ShopifyWebhooks shop = new ShopifyWebhooks(crashing.httpPort());
      try {
        ShopifyWebhooks.Answer answer = shop.send(order);
        assertThat(answer.status()).isBetween(200, 299);
      } catch (UncheckedIOException halted) {
        // The crash came before the answer: Shopify sees no 2xx and delivers again, below.
        assertThat(point).isEqualTo(CrashPoints.Point.AFTER_INBOX_INSERT);
      }
      assertThat(crashing.awaitExit(Duration.ofSeconds(90))).isEqualTo(CrashPoints.EXIT_STATUS);
      assertThat(crashing.output()).contains("CRASH " + point.key());
    }

    try (AppProcess restarted = AppProcess.start(data, "after-" + point.key(), settings(""));
        CamundaClient client = restarted.camundaClient()) {
      // Shopify retries a delivery that got no 2xx; a repeat of a stored one changes nothing.
      assertThat(new ShopifyWebhooks(restarted.httpPort()).send(order).status()).isBetween(200, 299);

      await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
          assertThat(subjects(email)).anySatisfy(subject -> assertThat(subject).contains(orderId)));
      // Time for anything that would come twice to come (a second journey after a take-over too).
      Thread.sleep(point == CrashPoints.Point.AFTER_JOURNEY_START ? 10_000 : 3_000);

      Map<String, Long> copies = messageIds(email);
      // Each message once, whichever point: a second journey would send the same messages again
      // under Message-IDs of its own.
      assertThat(messageIdsBySubject(email)).as("Message-IDs per subject for order %s", orderId)
          .allSatisfy((subject, ids) -> assertThat(ids).hasSize(1));
      assertThat(journeysOf(client, orderId)).as("post-purchase journeys of order %s", orderId).hasSize(1);
      long repeated = copies.values().stream().filter(n -> n > 1).count();
      if (point == CrashPoints.Point.AFTER_SMTP_ACCEPT) {
        // The server had the message when the process died, and nothing had recorded that: the one
        // allowed duplicate, recognisable by its Message-ID.
        assertThat(repeated).as("messages sent twice after a crash at %s", point.key()).isOne();
        assertThat(copies.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
      } else {
        assertThat(copies).as("Message-IDs received at %s", email).allSatisfy((id, n) -> assertThat(n).isOne());
      }
      assertThat(client.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE)).send().join().items())
          .as("open incidents")
          .isEmpty();
    }
  }

  private static Map<String, String> settings(String crashAt) {
    return Map.of(
        "journeys.faults.crash-at", crashAt,
        "spring.mail.host", "127.0.0.1",
        "spring.mail.port", Integer.toString(smtp.getSmtp().getPort()),
        ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[0], ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[1],
        // A job whose worker died is handed out again after its timeout, and a message whose
        // sender died is claimable again after its lease: short ones keep the test short.
        "camunda.client.worker.defaults.timeout", "PT5S",
        "journeys.notify.send-lease", "3s",
        "journeys.notify.retry-backoff", "1s",
        "journeys.orders.inbox.lease", "3s",
        // An order claimed by the dead process is taken over after this (default 1 minute).
        "journeys.orders.abandoned-after", "5s");
  }

  private static List<String> subjects(String email) throws Exception {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .map(CrashPointsTest::subject)
        .toList();
  }

  private static Map<String, Long> messageIds(String email) {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .map(CrashPointsTest::messageId)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private static Map<String, java.util.Set<String>> messageIdsBySubject(String email) {
    return Arrays.stream(smtp.getReceivedMessagesForDomain(email))
        .collect(Collectors.groupingBy(CrashPointsTest::subject,
            Collectors.mapping(CrashPointsTest::messageId, Collectors.toSet())));
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String messageId(MimeMessage message) {
    try {
      return message.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Long> journeysOf(CamundaClient client, String orderId) {
    return client.newVariableSearchRequest()
        .filter(f -> f.name("orderId").value("\"" + orderId + "\""))
        .send().join().items().stream()
        .filter(v -> v.getScopeKey().equals(v.getProcessInstanceKey()))
        .map(io.camunda.client.api.search.response.Variable::getProcessInstanceKey)
        .distinct()
        .toList();
  }

}
