package dev.journeys.reliability;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.journeys.orders.ShopifyWebhooks;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The reliability benchmark (docs/RELIABILITY.md): signed Shopify orders/create webhooks at a rate
 * for a duration, into the whole app in a child JVM (AppProcess) on an H2 file, while the app is
 * killed with kill -9 at random moments and started again on the same database. Every order's
 * created_at lies so that its ship-by timer falls due {@code --timer-seconds} after it was sent, so
 * each order owes two emails: the confirmation and one delay alert. Webhooks that got no 2xx (the
 * app was down) are delivered again at the end, with the same webhook id, as Shopify would.
 *
 * <p>Counts: webhooks answered 2xx vs inbox rows, confirmations and delay alerts vs orders,
 * duplicates by Message-ID, missed and late timers, open incidents, p99 acknowledgement, and the
 * time to drain what was acknowledged before each kill once the app is back.
 *
 * <p>{@code bench/reliability.sh [--rate=20] [--seconds=60] [--kills=3] [--timer-seconds=30]
 * [--drain-seconds=180] [--threads=16] [--seed=N]}
 */
public final class ReliabilityRun {

  private record Options(int rate, int seconds, int kills, int timerSeconds, int drainSeconds, int threads, long seed) {
    static Options parse(String[] args) {
      Map<String, String> given = new HashMap<>();
      for (String arg : args) {
        String[] kv = arg.replaceFirst("^--", "").split("=", 2);
        if (kv.length != 2) {
          throw new IllegalArgumentException("Expected --name=value, but got '" + arg + "'");
        }
        given.put(kv[0], kv[1]);
      }
      Options options = new Options(
          Integer.parseInt(given.getOrDefault("rate", "20")), Integer.parseInt(given.getOrDefault("seconds", "60")),
          Integer.parseInt(given.getOrDefault("kills", "3")), Integer.parseInt(given.getOrDefault("timer-seconds", "30")),
          Integer.parseInt(given.getOrDefault("drain-seconds", "180")), Integer.parseInt(given.getOrDefault("threads", "16")),
          Long.parseLong(given.getOrDefault("seed", Long.toString(System.nanoTime()))));
      given.keySet().removeAll(List.of("rate", "seconds", "kills", "timer-seconds", "drain-seconds", "threads", "seed"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("Unknown options " + given.keySet());
      }
      return options;
    }
  }

  /** One order's webhook and what became of it. */
  private static final class Order {
    final String email;
    final String webhookId;
    final String body;
    final Instant timerDue;
    volatile long ackNanos = -1;
    /** Accepted only when delivered again after the load: its timer was overdue on acceptance. */
    volatile boolean redelivered;
    volatile Instant confirmedAt;
    volatile Instant alertedAt;

    Order(String email, String webhookId, String body, Instant timerDue) {
      this.email = email;
      this.webhookId = webhookId;
      this.body = body;
      this.timerDue = timerDue;
    }
  }

  private final Options options;
  private final GreenMail mail;
  private final Path data;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final List<Long> ackLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile Map<String, Integer> messageIds = Map.of();
  private final List<String> restarts = java.util.Collections.synchronizedList(new ArrayList<>());
  private final String template;
  private volatile AppProcess app;

  private ReliabilityRun(Options options) throws Exception {
    this.options = options;
    this.mail = new GreenMail(new ServerSetup(AppProcess.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    this.data = Path.of("target", "reliability", "run-" + System.currentTimeMillis()).toAbsolutePath();
    this.template = ShopifyWebhooks.payload("orders-create.json", Map.of());
    Files.createDirectories(data);
  }

  public static void main(String[] args) throws Exception {
    // GreenMail logs every new mailbox at INFO: one line per order.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    Options options = Options.parse(args);
    ReliabilityRun run = new ReliabilityRun(options);
    try {
      run.run();
    } finally {
      run.mail.stop();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.printf("reliability run: %d/s for %d s, %d kills, timers due %d s after each order, seed %d, load average %s%n",
        options.rate, options.seconds, options.kills, options.timerSeconds, options.seed, loadAverage());
    mail.start();
    app = AppProcess.start(data, "run-0", settings());
    Thread watcher = Thread.ofPlatform().daemon().start(this::watchMail);
    Thread killer = Thread.ofPlatform().start(this::killAtRandom);
    long start = System.nanoTime();
    send(start);
    killer.join();
    redeliverUnacknowledged();
    long drainStart = System.nanoTime();
    Instant lastDue = orders.values().stream().map(o -> o.timerDue).max(Instant::compareTo).orElse(Instant.now());
    while (!allDone() && System.nanoTime() - drainStart < TimeUnit.SECONDS.toNanos(options.drainSeconds)) {
      Thread.sleep(250);
    }
    Thread.sleep(3_000);
    System.out.printf("drained %.1f s after the load ended (last timer due %s)%n",
        (System.nanoTime() - drainStart) / 1e9, lastDue);
    long incidents = incidents();
    watcher.interrupt();
    app.kill();
    report(incidents, start);
  }

  /** Open loop: order i is due at start + i / rate whatever happened to the ones before. */
  private void send(long start) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(options.threads);
    int total = options.rate * options.seconds;
    for (int i = 0; i < total; i++) {
      long due = start + (long) (i * 1e9 / options.rate);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      Order order = newOrder(i);
      pool.submit(() -> deliver(order, due));
    }
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
  }

  private Order newOrder(int i) {
    String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L);
    String orderId = "9" + String.format("%012d", Long.parseLong(tag) * 1000 + i % 1000) + i;
    String email = "r" + i + "-" + tag + "@example.com";
    Instant due = Instant.now().plusSeconds(options.timerSeconds).truncatedTo(ChronoUnit.SECONDS);
    // Promised ship-by is created_at + 3 days (journeys.orders.default-ship-within).
    String body = template.replace("5830174523581", orderId).replace("7391024578237", "8" + orderId)
        .replace("mei.lin@example.com", email)
        // English mail, so that subjects tell a confirmation from a delay alert
        .replace("\"customer_locale\": \"zh-CN\"", "\"customer_locale\": \"en\"")
        .replace("2025-03-14T09:26:53+01:00", due.minus(Duration.ofDays(3)).toString());
    Order order = new Order(email, java.util.UUID.randomUUID().toString(), body, due);
    orders.put(email, order);
    return order;
  }

  private void deliver(Order order, long scheduled) {
    AppProcess current = app;
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + current.httpPort() + "/api/webhooks/shopify"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("X-Shopify-Topic", "orders/create")
        .header("X-Shopify-Hmac-SHA256", sign(order.body))
        .header("X-Shopify-Webhook-Id", order.webhookId)
        .header("X-Shopify-API-Version", "2025-01")
        .header("X-Shopify-Shop-Domain", "tea-and-mugs.myshopify.com")
        .POST(HttpRequest.BodyPublishers.ofString(order.body))
        .build();
    try {
      int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        long now = System.nanoTime();
        order.ackNanos = now;
        ackLatencies.add(now - scheduled);
      }
    } catch (Exception down) {
      // No 2xx: Shopify delivers again later (redeliverUnacknowledged).
    }
  }

  private void redeliverUnacknowledged() {
    List<Order> missing = orders.values().stream().filter(o -> o.ackNanos < 0).toList();
    for (int attempt = 0; attempt < 5 && missing.stream().anyMatch(o -> o.ackNanos < 0); attempt++) {
      missing.stream().filter(o -> o.ackNanos < 0).forEach(o -> {
        o.redelivered = true;
        deliverAgain(o);
      });
    }
    System.out.printf("redelivered %d webhooks that got no 2xx%n", missing.size());
  }

  private void deliverAgain(Order order) {
    long before = order.ackNanos;
    deliver(order, System.nanoTime());
    if (before < 0 && order.ackNanos >= 0) {
      // a redelivery's latency is not the first answer's: keep p99 about first deliveries
      ackLatencies.remove(ackLatencies.size() - 1);
    }
  }

  /**
   * Kills at random moments, one in each of {@code kills} equal slices of the load (10 % to 90 % of
   * it), so that every kill meets a running app. After each restart it waits (up to two minutes, or
   * the next kill) for what the kill interrupted: the orders acknowledged but not yet confirmed, and
   * the timers that fell due while the app was down.
   */
  private void killAtRandom() {
    Random random = new Random(options.seed);
    long start = System.currentTimeMillis();
    try {
      for (int k = 0; k < options.kills; k++) {
        long at = (long) ((0.1 + 0.8 * (k + random.nextDouble()) / options.kills) * options.seconds * 1000);
        long wait = start + at - System.currentTimeMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        long killedAt = System.nanoTime();
        Instant killedInstant = Instant.now();
        List<Order> unconfirmed = orders.values().stream()
            .filter(o -> o.ackNanos >= 0 && o.ackNanos < killedAt && o.confirmedAt == null).toList();
        app.kill();
        long restartBegin = System.nanoTime();
        app = AppProcess.start(data, "run-" + (k + 1), settings());
        double restartSeconds = (System.nanoTime() - restartBegin) / 1e9;
        Instant ready = Instant.now();
        List<Order> overdue = orders.values().stream()
            .filter(o -> o.ackNanos >= 0 && o.ackNanos < killedAt && o.alertedAt == null
                && !o.timerDue.isBefore(killedInstant) && o.timerDue.isBefore(ready)).toList();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while ((unconfirmed.stream().anyMatch(o -> o.confirmedAt == null) || overdue.stream().anyMatch(o -> o.alertedAt == null))
            && System.nanoTime() < until) {
          Thread.sleep(100);
        }
        String line = ("kill %d at %.1f s: restart took %.1f s; %d orders acknowledged but unconfirmed at the kill, "
            + "all confirmed %s; %d timers fell due while down, all fired %s")
            .formatted(k + 1, at / 1000.0, restartSeconds, unconfirmed.size(), after(unconfirmed, o -> o.confirmedAt, ready),
                overdue.size(), after(overdue, o -> o.alertedAt, ready));
        restarts.add(line);
        System.out.println(line);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** "N.N s after the restart", or how many are still missing. */
  private static String after(List<Order> orders, java.util.function.Function<Order, Instant> done, Instant ready) {
    long missing = orders.stream().filter(o -> done.apply(o) == null).count();
    if (missing > 0) {
      return "NOT (" + missing + " missing 2 min after the restart)";
    }
    long ms = orders.stream().map(done).mapToLong(t -> Duration.between(ready, t).toMillis()).max().orElse(0);
    return "%.1f s after the restart".formatted(Math.max(ms, 0) / 1000.0);
  }

  /**
   * Counts what GreenMail received, every second, from scratch: its list is grouped by mailbox, not
   * in arrival order, so new messages may appear anywhere in it.
   */
  private void watchMail() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Map<String, Integer> ids = new HashMap<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
          ids.merge(message.getMessageID(), 1, Integer::sum);
          Order order = orders.get(
              ((jakarta.mail.internet.InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress());
          if (order == null) {
            continue;
          }
          String subject = message.getSubject();
          if (subject.contains("is confirmed") && order.confirmedAt == null) {
            order.confirmedAt = Instant.now();
          } else if (subject.contains("taking longer to ship") && order.alertedAt == null) {
            order.alertedAt = Instant.now();
          }
        }
        messageIds = ids;
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        System.out.println("reading mail: " + e);
      }
    }
  }

  private boolean allDone() {
    return orders.values().stream().allMatch(o -> o.ackNanos >= 0 && o.confirmedAt != null && o.alertedAt != null);
  }

  private long incidents() {
    try (CamundaClient client = CamundaClient.newClientBuilder().grpcAddress(app.grpcAddress())
        .restAddress(app.restAddress()).preferRestOverGrpc(false).build()) {
      return client.newIncidentSearchRequest().filter(f -> f.state(IncidentState.ACTIVE)).send().join().page().totalItems();
    }
  }

  private void report(long incidents, long start) throws Exception {
    long acked = orders.values().stream().filter(o -> o.ackNanos >= 0).count();
    long confirmed = orders.values().stream().filter(o -> o.confirmedAt != null).count();
    long alerted = orders.values().stream().filter(o -> o.alertedAt != null).count();
    List<Long> lateness = orders.values().stream().filter(o -> o.alertedAt != null && !o.redelivered)
        .map(o -> Duration.between(o.timerDue, o.alertedAt).toMillis()).sorted().toList();
    List<Long> latencies;
    synchronized (ackLatencies) {
      latencies = ackLatencies.stream().sorted().toList();
    }
    long duplicates = messageIds.values().stream().filter(n -> n > 1).mapToLong(n -> n - 1).sum();
    Map<String, Long> db = database();
    System.out.printf("%n== reliability run: %d/s for %d s, %d kills, seed %d ==%n", options.rate, options.seconds, options.kills, options.seed);
    System.out.printf("webhooks sent %d, answered 2xx %d (first delivery or redelivery); inbox rows orders/create %d%n",
        orders.size(), acked, db.getOrDefault("inbox", 0L));
    System.out.printf("confirmations %d of %d orders; delay-alert timers fired %d, missed %d%n",
        confirmed, orders.size(), alerted, orders.size() - alerted);
    System.out.printf("emails received %d, duplicates by Message-ID %d%n", messageIds.values().stream().mapToInt(Integer::intValue).sum(), duplicates);
    System.out.printf("timer lateness (arrival - due) of orders accepted on first delivery: p50 %s ms, p99 %s ms, max %s ms%n",
        pct(lateness, 50), pct(lateness, 99), lateness.isEmpty() ? "-" : lateness.get(lateness.size() - 1));
    System.out.printf("acknowledgement (first deliveries answered 2xx, from the scheduled send): p50 %s ms, p99 %s ms, max %s ms%n",
        ms(pct(latencies, 50)), ms(pct(latencies, 99)), latencies.isEmpty() ? "-" : ms(latencies.get(latencies.size() - 1)));
    System.out.printf("open incidents %d; outbox %s%n", incidents, db.entrySet().stream()
        .filter(e -> !e.getKey().equals("inbox")).map(e -> e.getKey() + "=" + e.getValue()).toList());
    restarts.forEach(System.out::println);
    System.out.printf("load average at the end %s; app logs in target/reliability/run-*.log, database in %s%n", loadAverage(), data);
  }

  /** Counts read from the app's H2 file after the last kill. */
  private Map<String, Long> database() throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("journeys"), "sa", "")) {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM inbox WHERE topic = 'orders/create'")) {
        rs.next();
        counts.put("inbox", rs.getLong(1));
      }
      try (ResultSet rs = c.createStatement().executeQuery(
          "SELECT template, status, COUNT(*) FROM outbox GROUP BY template, status ORDER BY template, status")) {
        while (rs.next()) {
          counts.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
        }
      }
    }
    return counts;
  }

  private Map<String, String> settings() {
    String secrets = ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[1];
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", Integer.toString(mail.getSmtp().getPort()));
    settings.put("journeys.shopify.webhook-secrets", secrets);
    // What a dead process held is taken over sooner than by default (see docs/RELIABILITY.md).
    settings.put("camunda.client.worker.defaults.timeout", "PT10S");
    settings.put("journeys.notify.send-lease", "10s");
    settings.put("journeys.orders.inbox.lease", "10s");
    return settings;
  }

  private static String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(ShopifyWebhooks.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Long pct(List<Long> sorted, int p) {
    return sorted.isEmpty() ? null : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static String ms(Long nanos) {
    return nanos == null ? "-" : Long.toString(nanos / 1_000_000);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0] + " " + Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[1];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
