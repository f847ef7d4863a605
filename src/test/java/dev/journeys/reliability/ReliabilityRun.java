package dev.journeys.reliability;

import dev.journeys.orders.ShopifyWebhooks;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.function.Function;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The reliability benchmark (docs/RELIABILITY.md): signed Shopify orders/create webhooks at a rate
 * for a duration, into the whole app in a child JVM (AppProcess) on an H2 file, while the app is
 * killed with kill -9 at random moments and started again on the same database. Every order is
 * placed as it is sent, with a ship-by promise {@code --timer-seconds} later (the run's
 * journeys.orders.default-ship-within), so each order owes two emails: the confirmation and one
 * delay alert. Webhooks that got no 2xx (the
 * app was down) are delivered again at the end, with the same webhook id, as Shopify would.
 *
 * <p>Counts: webhooks answered 2xx vs inbox rows, confirmations and delay alerts vs orders,
 * duplicates by Message-ID, missed and late timers, open incidents, p99 acknowledgement, and the
 * time to drain what was acknowledged before each kill once the app is back.
 *
 * <p>Optionally the run keeps the app's data in a PostgreSQL database of its own ({@code --db-url}),
 * restarts that local PostgreSQL server once during the load ({@code --restart-postgres-at}; with
 * {@code --postgres-down-seconds} it stays stopped that long), and
 * stops the SMTP server for a while ({@code --smtp-outage-at}, {@code --smtp-outage-seconds}).
 *
 * <p>{@code bench/reliability.sh [--rate=20] [--seconds=60] [--kills=3] [--timer-seconds=30]
 * [--drain-seconds=180] [--threads=16] [--seed=N] [--db-url=jdbc:postgresql://...]
 * [--restart-postgres-at=S [--postgres-down-seconds=S]] [--smtp-outage-at=S --smtp-outage-seconds=S]}
 */
public final class ReliabilityRun {

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

  private final RunOptions options;
  private final RunMail mail = new RunMail();
  private final Path data;
  private final RunDatabase db;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, Order> orders = new ConcurrentHashMap<>();
  private final List<Long> ackLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
  private final WebhookAnswers answers = new WebhookAnswers();
  /** What the PostgreSQL restart and the SMTP outage measured, printed with the summary. */
  private final List<Supplier<String>> disruptions = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile long loadStart;
  private final Map<String, Integer> messageIds = new ConcurrentHashMap<>();
  private final List<String> restarts = java.util.Collections.synchronizedList(new ArrayList<>());
  private final String template;
  private volatile AppProcess app;

  private ReliabilityRun(RunOptions options) throws Exception {
    this.options = options;
    this.data = Path.of("target", "reliability", "run-" + System.currentTimeMillis() + "-" + ProcessHandle.current().pid()).toAbsolutePath();
    this.template = ShopifyWebhooks.payload("orders-create.json", Map.of());
    Files.createDirectories(data);
    this.db = options.dbUrl() == null ? RunDatabase.h2(data) : RunDatabase.postgres(options.dbUrl());
  }

  public static void main(String[] args) throws Exception {
    // GreenMail logs every new mailbox at INFO: one line per order.
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.icegreen"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    RunOptions options;
    try {
      options = RunOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    ReliabilityRun run = new ReliabilityRun(options);
    try {
      run.run();
    } finally {
      if (run.app != null) {
        run.app.kill();
      }
      run.mail.close();
      run.db.close();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    System.out.printf("reliability run: %d/s for %d s, %d kills, timers due %d s after each order, seed %d, load average %s%n",
        options.rate(), options.seconds(), options.kills(), options.timerSeconds(), options.seed(), loadAverage());
    System.out.println("database: " + db.describe());
    mail.start();
    System.out.printf("app JVM options: %s%n", String.join(" ", options.appJvm()));
    app = AppProcess.start(data, "run-0", settings(), options.appJvm());
    Thread watcher = Thread.ofPlatform().daemon().start(this::watchMail);
    Thread killer = Thread.ofPlatform().start(this::killAtRandom);
    loadStart = System.nanoTime();
    Thread postgres = Thread.ofPlatform().start(this::restartPostgres);
    Thread smtp = Thread.ofPlatform().start(this::smtpOutage);
    send(loadStart);
    killer.join();
    postgres.join(); // redeliveries should not meet the restart
    redeliverUnacknowledged();
    long drainStart = System.nanoTime();
    smtp.join(); // an SMTP outage may outlast the load: the drain counts from its end
    long drainFrom = System.nanoTime();
    Instant lastDue = orders.values().stream().map(o -> o.timerDue).max(Instant::compareTo).orElse(Instant.now());
    while (!allDone() && System.nanoTime() - drainFrom < TimeUnit.SECONDS.toNanos(options.drainSeconds())) {
      Thread.sleep(250);
    }
    Thread.sleep(3_000);
    System.out.printf("drained %.1f s after the load ended (last timer due %s)%n",
        (System.nanoTime() - drainStart) / 1e9, lastDue);
    long incidents = incidents();
    watcher.interrupt();
    watcher.join(); // its last count, of what arrived since it last looked
    app.kill();
    report(incidents, loadStart);
  }

  /**
   * {@code --restart-postgres-at}: restarts the local PostgreSQL server once, then records how long
   * it refused connections, what the webhooks sent meanwhile were answered, and how long after it
   * came back the orders acknowledged but unconfirmed by then were confirmed.
   */
  private void restartPostgres() {
    if (options.restartPostgresAt() == null) {
      return;
    }
    PostgresRestart restart = PostgresRestart.forLocalServer(options.dbUrl());
    try {
      sleepUntil(options.restartPostgresAt());
      int down = options.postgresDownSeconds();
      PostgresRestart.Outage outage = restart.restart(down);
      Instant back = Instant.now();
      List<Order> unconfirmed = orders.values().stream()
          .filter(o -> o.ackNanos >= 0 && o.ackNanos < outage.backNanos() && o.confirmedAt == null).toList();
      String line = "PostgreSQL restarted at %.1f s into the load ('%s', exit %d): it refused connections for %.1f s (%.1f s to %.1f s)"
          .formatted(loadSeconds(outage.restartNanos()),
              down > 0 ? restart.command("stop") + "', " + down + " s, '" + restart.command("start") : restart.command("restart"),
              outage.exitCode(), outage.downSeconds(),
              loadSeconds(outage.lastUpNanos()), loadSeconds(outage.backNanos()));
      System.out.println(line);
      disruptions.add(() -> line);
      disruptions.add(() -> "  webhooks answered from the restart until the app accepted one sent after it came back: "
          + answers.during(outage.restartNanos(), outage.backNanos(), this::loadSeconds));
      disruptions.add(() -> "  %d orders acknowledged but unconfirmed when it came back, all confirmed %s".formatted(
          unconfirmed.size(), after(unconfirmed, o -> o.confirmedAt, back, "it came back", "at the end")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException("Expected to restart PostgreSQL (--restart-postgres-at), but: " + e.getMessage(), e);
    }
  }

  /**
   * {@code --smtp-outage-at}, {@code --smtp-outage-seconds}: stops the SMTP server and starts it
   * again on the same port that many seconds later, then records how long after it came back every
   * email owed by then had arrived.
   */
  private void smtpOutage() {
    if (options.smtpOutageAt() == null) {
      return;
    }
    try {
      sleepUntil(options.smtpOutageAt());
      long stopped = System.nanoTime();
      mail.stop();
      System.out.printf("SMTP server stopped at %.1f s into the load, for %d s%n", loadSeconds(stopped), options.smtpOutageSeconds());
      Thread.sleep(TimeUnit.SECONDS.toMillis(options.smtpOutageSeconds()));
      mail.start();
      long started = System.nanoTime();
      Instant back = Instant.now();
      List<Order> unconfirmed = orders.values().stream().filter(o -> o.ackNanos >= 0 && o.confirmedAt == null).toList();
      List<Order> unalerted = orders.values().stream()
          .filter(o -> o.ackNanos >= 0 && o.timerDue.isBefore(back) && o.alertedAt == null).toList();
      String line = "SMTP server down from %.1f s to %.1f s into the load (%d s), started again on port %d"
          .formatted(loadSeconds(stopped), loadSeconds(started), options.smtpOutageSeconds(), mail.port());
      System.out.println(line);
      disruptions.add(() -> line);
      disruptions.add(() -> "  owed when it came back: %d confirmations, all arrived %s; %d delay alerts due, all arrived %s"
          .formatted(unconfirmed.size(), after(unconfirmed, o -> o.confirmedAt, back, "it came back", "at the end"),
              unalerted.size(), after(unalerted, o -> o.alertedAt, back, "it came back", "at the end")));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sleepUntil(int secondsIntoLoad) throws InterruptedException {
    long wait = loadStart + TimeUnit.SECONDS.toNanos(secondsIntoLoad) - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private double loadSeconds(long nanos) {
    return (nanos - loadStart) / 1e9;
  }

  /** Open loop: order i is due at start + i / rate whatever happened to the ones before. */
  private void send(long start) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(options.threads());
    int total = options.rate() * options.seconds();
    for (int i = 0; i < total; i++) {
      long due = start + (long) (i * 1e9 / options.rate());
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
    Instant due = Instant.now().plusSeconds(options.timerSeconds()).truncatedTo(ChronoUnit.SECONDS);
    // Placed now: ship-by is created_at + journeys.orders.default-ship-within, which the run sets to
    // --timer-seconds. (An order placed days ago to make its timer due soon is too old to confirm:
    // journeys.notify.stale-after.order-confirmation skips it as stale news.)
    String body = template.replace("5830174523581", orderId).replace("7391024578237", "8" + orderId)
        .replace("mei.lin@example.com", email)
        // English mail, so that subjects tell a confirmation from a delay alert
        .replace("\"customer_locale\": \"zh-CN\"", "\"customer_locale\": \"en\"")
        .replace("2025-03-14T09:26:53+01:00", due.minusSeconds(options.timerSeconds()).toString());
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
    long sent = System.nanoTime();
    int status = 0;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status / 100 == 2) {
        long now = System.nanoTime();
        order.ackNanos = now;
        ackLatencies.add(now - scheduled);
      }
    } catch (Exception down) {
      // No 2xx: Shopify delivers again later (redeliverUnacknowledged).
    } finally {
      answers.add(sent, System.nanoTime(), status);
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
    Random random = new Random(options.seed());
    long[] planned = new long[options.kills()];
    for (int k = 0; k < planned.length; k++) {
      planned[k] = (long) ((0.1 + 0.8 * (k + random.nextDouble()) / options.kills()) * options.seconds() * 1000);
    }
    long start = System.currentTimeMillis();
    try {
      for (int k = 0; k < options.kills(); k++) {
        long at = planned[k];
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
        app = AppProcess.start(data, "run-" + (k + 1), settings(), options.appJvm());
        double restartSeconds = (System.nanoTime() - restartBegin) / 1e9;
        Instant ready = Instant.now();
        List<Order> overdue = orders.values().stream()
            .filter(o -> o.ackNanos >= 0 && o.ackNanos < killedAt && o.alertedAt == null
                && !o.timerDue.isBefore(killedInstant) && o.timerDue.isBefore(ready)).toList();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        boolean nextKillFirst = false;
        if (k + 1 < planned.length) {
          long untilNext = System.nanoTime()
              + TimeUnit.MILLISECONDS.toNanos(start + planned[k + 1] - System.currentTimeMillis());
          nextKillFirst = untilNext < until;
          until = Math.min(until, untilNext);
        }
        while ((unconfirmed.stream().anyMatch(o -> o.confirmedAt == null) || overdue.stream().anyMatch(o -> o.alertedAt == null))
            && System.nanoTime() < until) {
          Thread.sleep(100);
        }
        String deadline = nextKillFirst ? "by the next kill" : "2 min after the restart";
        // A kill comes when planned, unless the restart after the previous one took longer.
        String line = ("kill %d at %.1f s into the load (planned at %.1f s): restart took %.1f s; %d orders "
            + "acknowledged but unconfirmed at the kill, all confirmed %s; %d timers fell due while down, all fired %s")
            .formatted(k + 1, loadSeconds(killedAt), at / 1000.0, restartSeconds, unconfirmed.size(),
                after(unconfirmed, o -> o.confirmedAt, ready, "the restart", deadline),
                overdue.size(), after(overdue, o -> o.alertedAt, ready, "the restart", deadline));
        restarts.add(line);
        System.out.println(line);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** "N.N s after {@code since}" (the moment {@code ready}), or how many were still missing {@code when} counted. */
  private static String after(List<Order> orders, Function<Order, Instant> done, Instant ready, String since, String when) {
    long missing = orders.stream().filter(o -> done.apply(o) == null).count();
    if (missing > 0) {
      return "NOT (" + missing + " missing " + when + ")";
    }
    long ms = orders.stream().map(done).mapToLong(t -> Duration.between(ready, t).toMillis()).max().orElse(0);
    return "%.1f s after %s".formatted(Math.max(ms, 0) / 1000.0, since);
  }

  /** Counts what GreenMail accepted, as it comes (looked at ten times a second, and once more when stopped). */
  private void watchMail() {
    while (true) {
      count(mail.takeNew());
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        count(mail.takeNew());
        return;
      }
    }
  }

  private void count(List<RunMail.Delivery> arrived) {
    Instant now = Instant.now();
    for (RunMail.Delivery delivery : arrived) {
      messageIds.merge(String.valueOf(delivery.messageId()), 1, Integer::sum);
      Order order = orders.get(delivery.to());
      if (order == null || delivery.subject() == null) {
        continue;
      }
      if (delivery.subject().contains("is confirmed") && order.confirmedAt == null) {
        order.confirmedAt = now;
      } else if (delivery.subject().contains("taking longer to ship") && order.alertedAt == null) {
        order.alertedAt = now;
      }
    }
  }

  private boolean allDone() {
    return orders.values().stream().allMatch(o -> o.ackNanos >= 0 && o.confirmedAt != null && o.alertedAt != null);
  }

  private long incidents() {
    try (CamundaClient client = app.camundaClient()) {
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
    Map<String, Long> rows = db.counts();
    long inbox = rows.getOrDefault("inbox", 0L);
    System.out.printf("%n== reliability run: %d/s for %d s, %d kills, seed %d ==%n", options.rate(), options.seconds(), options.kills(), options.seed());
    System.out.println("database: " + db.describe());
    System.out.printf("webhooks sent %d, answered 2xx %d (first delivery or redelivery); inbox rows orders/create %d%n",
        orders.size(), acked, inbox);
    System.out.printf("confirmations %d of %d orders; delay-alert timers fired %d, missed %d%n",
        confirmed, orders.size(), alerted, orders.size() - alerted);
    System.out.printf("emails received %d, duplicates by Message-ID %d%n", messageIds.values().stream().mapToInt(Integer::intValue).sum(), duplicates);
    System.out.printf("timer lateness (arrival - due) of orders accepted on first delivery: p50 %s ms, p99 %s ms, max %s ms%n",
        pct(lateness, 50), pct(lateness, 99), lateness.isEmpty() ? "-" : lateness.get(lateness.size() - 1));
    System.out.printf("acknowledgement (first deliveries answered 2xx, from the scheduled send): p50 %s ms, p99 %s ms, max %s ms%n",
        ms(pct(latencies, 50)), ms(pct(latencies, 99)), latencies.isEmpty() ? "-" : ms(latencies.get(latencies.size() - 1)));
    System.out.printf("open incidents %d; outbox %s%n", incidents, rows.entrySet().stream()
        .filter(e -> !e.getKey().equals("inbox")).map(e -> e.getKey() + "=" + e.getValue()).toList());
    long unconfirmed = orders.values().stream().filter(o -> o.ackNanos >= 0 && o.confirmedAt == null).count();
    long unalerted = orders.values().stream().filter(o -> o.ackNanos >= 0 && o.alertedAt == null).count();
    System.out.println(unconfirmed == 0 && unalerted == 0 && inbox == acked
        ? "nothing acknowledged was lost: every order answered 2xx has its inbox row, its confirmation and its delay alert"
        : "LOST: of the orders answered 2xx, %d have no confirmation, %d no delay alert; inbox rows %d for %d answered 2xx"
            .formatted(unconfirmed, unalerted, inbox, acked));
    restarts.forEach(System.out::println);
    disruptions.forEach(line -> System.out.println(line.get()));
    System.out.printf("load average at the end %s; app logs in target/reliability/run-*.log%n", loadAverage());
  }

  private Map<String, String> settings() {
    String secrets = ShopifyWebhooks.SECRETS_PROPERTY.split("=", 2)[1];
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spring.mail.host", "127.0.0.1");
    settings.put("spring.mail.port", Integer.toString(mail.port()));
    settings.put("journeys.shopify.webhook-secrets", secrets);
    // What a dead process held is taken over sooner than by default (see docs/RELIABILITY.md).
    settings.put("camunda.client.worker.defaults.timeout", "PT10S");
    settings.put("journeys.notify.send-lease", "10s");
    settings.put("journeys.orders.default-ship-within", "PT" + options.timerSeconds() + "S");
    settings.put("journeys.orders.inbox.lease", "10s");
    settings.putAll(db.settings());
    return settings;
  }

  static String sign(String body) {
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
