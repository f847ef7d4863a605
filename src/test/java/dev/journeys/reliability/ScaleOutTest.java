package dev.journeys.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.journeys.orders.ShopifyWebhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three app processes on one PostgreSQL database, as docs/SCALING.md describes: A runs the embedded
 * engine, B and C run in camunda mode against A's gateway. Orders arrive round-robin, C is killed
 * with kill -9 in the middle of the load, and then: every order is confirmed exactly once, no
 * message goes out twice, the periodic tasks run once per period across the instances, and a
 * fourth process that would start a second embedded engine on the same database is refused.
 * Needs the PostgreSQL server named by JOURNEYS_TEST_POSTGRES_URL; skipped, saying so, without it.
 */
class ScaleOutTest {

  private static final String POSTGRES = "JOURNEYS_TEST_POSTGRES_URL";
  private static final int ORDERS = 30;
  private static final int KILL_AFTER = 12;
  private static final Duration HELD_POLL = Duration.ofMillis(500);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String template = ShopifyWebhooks.payload("orders-create.json", Map.of());

  @Test
  void threeInstancesShareTheWorkAndEachOrderIsConfirmedOnce(@TempDir Path dir) throws Exception {
    String admin = System.getenv(POSTGRES);
    Assumptions.assumeTrue(admin != null && !admin.isBlank(),
        POSTGRES + " not set: the scale-out test needs a PostgreSQL server that several app processes share, "
            + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    try (RunDatabase db = RunDatabase.postgres(admin); RunMail mail = new RunMail()) {
      mail.start();
      Map<String, String> shared = settings(db, mail);
      try (AppProcess a = AppProcess.start(Files.createDirectories(dir.resolve("a")), "scale-a", shared)) {
        Map<String, String> worker = new LinkedHashMap<>(shared);
        worker.put("journeys.engine.mode", "camunda");
        worker.put("camunda.client.grpc-address", a.grpcAddress().toString());
        worker.put("camunda.client.rest-address", a.restAddress().toString());
        CompletableFuture<AppProcess> startingB = CompletableFuture.supplyAsync(() -> AppProcess.start(dir.resolve("b"), "scale-b", worker));
        CompletableFuture<AppProcess> startingC = CompletableFuture.supplyAsync(() -> AppProcess.start(dir.resolve("c"), "scale-c", worker));
        try (AppProcess b = startingB.join(); AppProcess c = startingC.join()) {
          List<AppProcess> instances = new ArrayList<>(List.of(a, b, c));
          List<String> emails = new ArrayList<>();
          Map<AppProcess, Double> heldRunsBefore = new LinkedHashMap<>();
          long windowStart = 0;
          for (int i = 0; i < ORDERS; i++) {
            if (i == KILL_AFTER) {
              // Mid-load: C dies holding whatever it had claimed (inbox events, jobs, sends).
              c.kill();
              instances.remove(c);
              windowStart = System.nanoTime();
              for (AppProcess survivor : instances) {
                heldRunsBefore.put(survivor, metric(survivor, "journeys_periodic_runs_total", "task=\"held-messages\""));
              }
            }
            String email = "scale-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
            emails.add(email);
            deliver(instances, i, email);
          }

          Map<String, List<RunMail.Delivery>> received = new LinkedHashMap<>();
          await("a confirmation for each of the " + ORDERS + " orders").atMost(Duration.ofSeconds(120))
              .pollInterval(Duration.ofMillis(500))
              .until(() -> {
                mail.takeNew().forEach(d -> received.computeIfAbsent(d.to(), k -> new ArrayList<>()).add(d));
                return emails.stream().allMatch(received::containsKey);
              });
          // Past the send and job leases of what C held (10 s): anything sent twice would be in by now.
          Thread.sleep(12_000);
          mail.takeNew().forEach(d -> received.computeIfAbsent(d.to(), k -> new ArrayList<>()).add(d));

          Map<String, Long> confirmations = emails.stream().collect(Collectors.toMap(Function.identity(),
              e -> received.getOrDefault(e, List.of()).stream().filter(d -> d.subject().contains("confirmed")).count()));
          assertThat(confirmations).as("confirmations per customer").allSatisfy((e, n) -> assertThat(n).isEqualTo(1L));
          List<String> ids = received.values().stream().flatMap(List::stream).map(RunMail.Delivery::messageId).toList();
          assertThat(ids).as("no message twice").doesNotHaveDuplicates();
          assertThat(metric(b, "journeys_messages_total", "outcome=\"sent\""))
              .as("B's workers sent messages too: the instances share the work").isPositive();

          double seconds = (System.nanoTime() - windowStart) / 1e9;
          double runs = 0;
          for (AppProcess survivor : instances) {
            runs += metric(survivor, "journeys_periodic_runs_total", "task=\"held-messages\"") - heldRunsBefore.get(survivor);
          }
          // Each instance ticks every 500 ms; the lock is held for 400 ms of each period at least.
          double oncePerPeriod = seconds / (HELD_POLL.toMillis() * 0.8 / 1000) + 2;
          double everyTick = instances.size() * seconds / (HELD_POLL.toMillis() / 1000.0);
          System.out.printf("held-message runs of the %d live instances over %.1f s: %.0f (once per period: at most %.0f; "
              + "every tick of each: about %.0f)%n", instances.size(), seconds, runs, oncePerPeriod, everyTick);
          assertThat(runs).as("held-message runs of A and B over %.1f s (each ticked about %.0f times)", seconds,
                  everyTick / instances.size())
              .isPositive().isLessThanOrEqualTo(oncePerPeriod).isLessThan(everyTick * 0.8);

          Throwable refused = catchThrowable(() -> AppProcess.start(dir.resolve("d"), "scale-d", shared).close());
          assertThat(refused).as("a second embedded engine on the same database").isNotNull();
          assertThat(refused.getMessage()).contains("Expected to be the only engine writing to this database");
        }
      }
    }
  }

  private Map<String, String> settings(RunDatabase db, RunMail mail) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", Integer.toString(mail.port()));
    settings.put("journeys.shopify.webhook-secrets", ShopifyWebhooks.SECRET);
    // What a killed process held is taken over within seconds rather than minutes.
    settings.put("camunda.client.worker.defaults.timeout", "PT10S");
    settings.put("journeys.notify.send-lease", "10s");
    settings.put("journeys.orders.inbox.lease", "10s");
    settings.put("journeys.engine.lease-duration", "2s");
    settings.put("journeys.notify.held-poll-interval", HELD_POLL.toMillis() + "ms");
    settings.putAll(db.settings());
    return settings;
  }

  /** One orders/create webhook, to the instance whose turn it is; to the next one if that one is down. */
  private void deliver(List<AppProcess> instances, int turn, String email) throws Exception {
    String orderId = "7" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
    String body = template.replace("5830174523581", orderId).replace("7391024578237", "8" + orderId)
        .replace("mei.lin@example.com", email)
        .replace("\"customer_locale\": \"zh-CN\"", "\"customer_locale\": \"en\"")
        // Placed now: a confirmation for an order placed long ago would be stale news.
        .replace("2025-03-14T09:26:53+01:00", java.time.Instant.now().toString());
    String webhookId = UUID.randomUUID().toString();
    for (int attempt = 0; attempt < instances.size(); attempt++) {
      AppProcess target = instances.get((turn + attempt) % instances.size());
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.httpPort() + "/api/webhooks/shopify"))
          .timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("X-Shopify-Topic", "orders/create")
          .header("X-Shopify-Hmac-SHA256", ReliabilityRun.sign(body))
          .header("X-Shopify-Webhook-Id", webhookId)
          .header("X-Shopify-API-Version", "2025-01")
          .header("X-Shopify-Shop-Domain", "tea-and-mugs.myshopify.com")
          .POST(HttpRequest.BodyPublishers.ofString(body))
          .build();
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return;
        }
      } catch (java.io.IOException down) {
        // the load balancer tries the next instance
      }
    }
    throw new AssertionError("No instance accepted the order for " + email);
  }

  /** The sum of a Prometheus counter's series that carry the label, from /actuator/prometheus. */
  private double metric(AppProcess app, String name, String label) throws Exception {
    String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/actuator/prometheus"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(text);
    double sum = 0;
    while (line.find()) {
      if (line.group(1).contains(label)) {
        sum += Double.parseDouble(line.group(2));
      }
    }
    return sum;
  }
}
