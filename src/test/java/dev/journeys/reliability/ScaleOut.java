package dev.journeys.reliability;

import dev.journeys.TestCredentials;
import dev.journeys.orders.ShopifyWebhooks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several app processes on one database, as docs/SCALING.md describes: the first runs the embedded
 * engine, the others run in camunda mode against its gateway. Orders go to them round-robin, as a
 * load balancer would send them. Shared by ScaleOutTest and ScaleOutBenchmark.
 */
final class ScaleOut implements AutoCloseable {

  private static final String TEMPLATE = ShopifyWebhooks.payload("orders-create.json", Map.of());

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<AppProcess> all;
  private final List<AppProcess> live;

  private ScaleOut(List<AppProcess> all) {
    this.all = all;
    this.live = new ArrayList<>(all);
  }

  /** The settings every instance shares: the database, the SMTP server, leases short enough for a test. */
  static Map<String, String> settings(RunDatabase db, RunMail mail, Duration heldPoll) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", Integer.toString(mail.port()));
    settings.put("journeys.shopify.webhook-secrets", ShopifyWebhooks.SECRET);
    // What a killed process held is taken over within seconds rather than minutes.
    settings.put("camunda.client.worker.defaults.timeout", "PT10S");
    settings.put("journeys.notify.send-lease", "10s");
    settings.put("journeys.orders.inbox.lease", "10s");
    settings.put("journeys.engine.lease-duration", "2s");
    settings.put("journeys.notify.held-poll-interval", heldPoll.toMillis() + "ms");
    settings.putAll(db.settings());
    return settings;
  }

  /** Starts the engine's instance, then the others at once. */
  static ScaleOut start(Path dir, String name, int instances, Map<String, String> settings, List<String> jvmOptions) {
    AppProcess engine = AppProcess.start(dir.resolve(name + "-1"), name + "-1", settings, jvmOptions);
    Map<String, String> worker = new LinkedHashMap<>(settings);
    worker.put("journeys.engine.mode", "camunda");
    worker.put("camunda.client.grpc-address", engine.grpcAddress().toString());
    worker.put("camunda.client.rest-address", engine.restAddress().toString());
    List<CompletableFuture<AppProcess>> starting = new ArrayList<>();
    for (int i = 2; i <= instances; i++) {
      String each = name + "-" + i;
      starting.add(CompletableFuture.supplyAsync(() -> AppProcess.start(dir.resolve(each), each, worker, jvmOptions)));
    }
    List<AppProcess> all = new ArrayList<>(List.of(engine));
    starting.forEach(s -> all.add(s.join()));
    return new ScaleOut(all);
  }

  AppProcess instance(int index) {
    return all.get(index);
  }

  /** The instances not killed. */
  List<AppProcess> live() {
    return List.copyOf(live);
  }

  void kill(AppProcess app) throws InterruptedException {
    app.kill();
    live.remove(app);
  }

  /** A Shopify orders/create body for a new order placed now, in English, for this email address. */
  static String order(String email) {
    String orderId = "7" + String.format("%012d", System.nanoTime() % 1_000_000_000_000L);
    return TEMPLATE.replace("5830174523581", orderId).replace("7391024578237", "8" + orderId)
        .replace("mei.lin@example.com", email)
        .replace("\"customer_locale\": \"zh-CN\"", "\"customer_locale\": \"en\"")
        // Placed now: a confirmation for an order placed long ago would be stale news.
        .replace("2025-03-14T09:26:53+01:00", Instant.now().toString());
  }

  /**
   * One orders/create webhook to the live instance whose turn it is, to the next one if that one
   * does not answer 2xx.
   *
   * @return whether an instance accepted it
   */
  boolean deliver(int turn, String body) throws InterruptedException {
    String webhookId = UUID.randomUUID().toString();
    List<AppProcess> targets = live();
    for (int attempt = 0; attempt < targets.size(); attempt++) {
      AppProcess target = targets.get((turn + attempt) % targets.size());
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
        if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
          return true;
        }
      } catch (IOException down) {
        // the load balancer tries the next instance
      }
    }
    return false;
  }

  /** The sum of a Prometheus counter's series that carry the label, from the app's /actuator/prometheus. */
  double metric(AppProcess app, String name, String label) throws IOException, InterruptedException {
    String text = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + "/actuator/prometheus"))
        .header("Authorization", TestCredentials.bearer(TestCredentials.METRICS_TOKEN))
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

  /** The CPU time the live instances have used so far. */
  Duration cpu() {
    return live.stream().map(AppProcess::cpu).reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public void close() throws InterruptedException {
    for (AppProcess app : all) {
      app.close();
    }
  }
}
