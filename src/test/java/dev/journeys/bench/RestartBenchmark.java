package dev.journeys.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Issue 25 part 5: how fast the packaged app is ready again on a full store, after a clean stop and
 * after kill -9 under load (bench/restart.sh; docs/BENCHMARKS.md, "Restart to ready").
 *
 * <p>The store (H2 file under {@code --dir}, or {@code --db-url}) is made once and reused: the app
 * itself starts on it and takes {@code --running} real orders/create webhooks (GreenMail as its SMTP
 * server), so the running journeys are the engine's own rows, each waiting for its shipment after its
 * confirmation went out; then, with the app stopped, {@code --finished} completed post-purchase
 * journeys are written straight into the engine's history tables and the app's orders and outbox as
 * the engine and the app leave a finished journey ({@link DashboardSeeder}, finished only): a
 * completed journey has no rows in the engine's runtime tables.
 *
 * <p>Each start launches the jar as a user does ({@code java -jar} of the extracted jar, the layout
 * the Docker image runs), with an AOT cache ({@code --share=aot}, JDK 24+), a CDS archive
 * ({@code cds}) or neither ({@code off}); the cache is made once by a training start that halts
 * when its context is refreshed. Ready = readiness UP (journeys deployed, start-up runners done),
 * then one webhook accepted and its confirmation accepted by SMTP. The app's log lines, timed from
 * the launch, give the breakdown.
 */
public final class RestartBenchmark {

  private static final Pattern LOG_TIME = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(?:Z|[+-]\\d\\d:\\d\\d)) (.*)$");
  private static final String SECRET = WebhookToEmailBenchmark.SECRET;

  private final Map<String, String> options;
  private final Path dir;
  private final String dbUrl;
  private final MailArrivals mail;
  /** Order numbers new to a reused store: a repeated order id would be taken as a duplicate webhook. */
  private final AtomicLong orderNumbers = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1_000);
  private final List<String> results = new ArrayList<>();

  private RestartBenchmark(Map<String, String> options, MailArrivals mail) {
    this.options = options;
    this.dir = Path.of(options.get("dir")).toAbsolutePath();
    this.dbUrl = options.getOrDefault("db-url",
        "jdbc:h2:file:" + dir.resolve("store/journeys") + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128;DB_CLOSE_ON_EXIT=FALSE");
    this.mail = mail;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of(
        "dir", "/tmp/restart-bench", "finished", "1000000", "running", "100000", "starts", "3",
        "kills", "1", "rate", "20", "share", "aot", "jvm-opts", "-Xmx1g", "seed-in-flight", "32"));
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected arguments as --name=value, but got '" + arg + "'");
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    if (!List.of("aot", "cds", "off").contains(options.get("share"))) {
      throw new IllegalArgumentException("Expected --share=aot, cds or off, but got " + options.get("share"));
    }
    if (options.get("share").equals("aot") && Runtime.version().feature() < 25) {
      System.out.println("JDK " + Runtime.version().feature() + " has no one-step AOT cache: --share=cds instead");
      options.put("share", "cds");
    }
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    try (MailArrivals mail = new MailArrivals(500)) {
      new RestartBenchmark(options, mail).run();
    }
    System.exit(0);
  }

  private void run() throws Exception {
    Files.createDirectories(dir);
    System.out.printf("options %s; jvm %s; cores %d; load average %.2f%n", options, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), load());
    Path jar = extractedJar();
    List<String> share = sharing(jar);
    seed(jar, share);
    System.out.printf("store: %s%n", describeStore());
    for (int i = 1; i <= Integer.parseInt(options.get("starts")); i++) {
      Launched app = launch(jar, share, "start-" + i);
      Timeline t = app.measureReady();
      report("start " + i + " (after a clean stop)", app, t);
      app.stop();
    }
    for (int i = 1; i <= Integer.parseInt(options.get("kills")); i++) {
      killUnderLoad(jar, share, i);
    }
    System.out.println();
    results.forEach(System.out::println);
    System.out.printf("load average at the end: %.2f%n", load());
  }

  // ---------------------------------------------------------------- the jar and its AOT cache / CDS archive

  /** The packaged jar (bench/restart.sh builds it), extracted as the Docker image has it. */
  private Path extractedJar() throws Exception {
    Path jar;
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      jar = files.filter(f -> f.getFileName().toString().matches("journeys-.*\\.jar"))
          .filter(f -> !f.toString().endsWith("-plain.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("Expected target/journeys-*.jar (./mvnw package), but found none"))
          .toAbsolutePath();
    }
    Path app = dir.resolve("app");
    Path extracted = app.resolve(jar.getFileName());
    // by content: ./mvnw package rewrites the jar each time, and a new extraction costs a new cache
    String digest = java.util.HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(jar)));
    Path stamp = dir.resolve("app.source");
    if (!Files.isRegularFile(extracted) || !Files.isRegularFile(stamp) || !Files.readString(stamp).equals(digest)) {
      deleteTree(app);
      try (Stream<Path> caches = Files.list(dir)) {
        caches.filter(f -> f.getFileName().toString().startsWith("app.")).forEach(f -> f.toFile().delete());
      }
      exec(List.of(java(), "-Djarmode=tools", "-jar", jar.toString(), "extract", "--destination", app.toString()));
      Files.writeString(stamp, digest);
    }
    return extracted;
  }

  /** The JVM options that use the AOT cache or CDS archive, made by one training start if missing. */
  private List<String> sharing(Path jar) throws Exception {
    String mode = options.get("share");
    if (mode.equals("off")) {
      return List.of();
    }
    Path cache = dir.resolve(mode.equals("aot") ? "app.aot" : "app.jsa");
    if (!Files.isRegularFile(cache)) {
      Path training = Files.createTempDirectory(dir, "training");
      List<String> command = new ArrayList<>(List.of(java()));
      command.addAll(jvmOptions());
      command.add(mode.equals("aot") ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache);
      command.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", jar.toString()));
      command.addAll(appArguments("jdbc:h2:file:" + training.resolve("journeys"), freePort(), freePort(), freePort()));
      long begun = System.nanoTime();
      exec(command);
      deleteTree(training);
      System.out.printf("made the %s in %.1f s: %s (%d MB)%n", mode.equals("aot") ? "AOT cache" : "CDS archive",
          (System.nanoTime() - begun) / 1e9, cache, Files.size(cache) >> 20);
    }
    return List.of(mode.equals("aot") ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache);
  }

  // ---------------------------------------------------------------- the store

  private void seed(Path jar, List<String> share) throws Exception {
    Path marker = dir.resolve(dbUrl.startsWith("jdbc:h2:") ? "store/seeded" : "seeded-" + Integer.toHexString(dbUrl.hashCode()));
    if (Files.isRegularFile(marker)) {
      System.out.printf("reusing the seeded store (%s): %s%n", marker, Files.readString(marker).trim());
      return;
    }
    int running = Integer.parseInt(options.get("running"));
    int finished = Integer.parseInt(options.get("finished"));
    long begun = System.nanoTime();
    // the app's own first start: its schema, the engine's, the journeys deployed; one real order
    Launched app = launch(jar, share, "seed");
    app.measureReady();
    app.stop();
    seedRunning(running);
    System.out.printf("  %d running journeys through the engine in %.0f s%n", running, (System.nanoTime() - begun) / 1e9);
    long definitionKey;
    int version;
    try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
        ResultSet rs = c.createStatement().executeQuery("SELECT definition_key, version FROM engine_process "
            + "WHERE bpmn_process_id = 'post-purchase' ORDER BY version DESC")) {
      rs.next();
      definitionKey = rs.getLong(1);
      version = rs.getInt(2);
    }
    long history = System.nanoTime();
    new DashboardSeeder(new org.springframework.jdbc.datasource.DriverManagerDataSource(dbUrl, "sa", ""))
        .seed(finished, definitionKey, version, Instant.now().minus(Duration.ofDays(31)), true);
    try (Connection c = DriverManager.getConnection(dbUrl, "sa", "")) {
      seedInbox(c, "S-%");
      // the customers of the seeded orders, with a phone number each, indexed as the app indexes it
      c.createStatement().executeUpdate("INSERT INTO customers (id, email, phone, phone_e164, name, locale, country, "
          + "created_at, updated_at) SELECT customer_id, 'seeded@example.com', '+49 151 1234567', '+491511234567', "
          + "'Seeded Customer', 'en', 'DE', MIN(received_at), MIN(received_at) FROM orders "
          + "WHERE order_id LIKE 'S-%' OR order_id LIKE 'R-%' GROUP BY customer_id");
    }
    System.out.printf("  %d finished journeys written into the history, orders, outbox and inbox in %.0f s%n", finished,
        (System.nanoTime() - history) / 1e9);
    Files.createDirectories(marker.getParent());
    Files.writeString(marker, "finished=" + finished + " running=" + running + " seeded " + Instant.now()
        + " in " + (System.nanoTime() - begun) / 1_000_000_000 + " s\n");
  }

  /**
   * The running journeys, made by the engine itself over its gRPC API as the app makes them
   * (Journeys.startPostPurchase's variables), each confirmation job completed as the app's
   * send-message worker completes it; then each journey waits for its shipment (a message
   * subscription and a no-news timer). The app's rows for them (order, the confirmation's outbox
   * row, the processed webhook) are written as the app writes them.
   */
  private void seedRunning(int running) throws Exception {
    var db = new org.springframework.jdbc.datasource.DriverManagerDataSource(dbUrl, "sa", "");
    Instant now = Instant.now();
    try (var engine = dev.journeys.engine.EmbeddedEngine.start(new dev.journeys.engine.EngineSettings(db, "127.0.0.1", 0,
            dev.journeys.engine.clock.EngineClock.system(), 256, Duration.ofSeconds(10)));
        var client = io.camunda.client.CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.port())).restAddress(URI.create("http://127.0.0.1:1"))
            .preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofSeconds(120)).build()) {
      long[] journeyKeys = new long[running];
      java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(256);
      AtomicLong failures = new AtomicLong();
      for (int i = 0; i < running; i++) {
        window.acquire();
        int n = i;
        client.newCreateInstanceCommand().bpmnProcessId("post-purchase").latestVersion()
            .variables(Map.of("orderId", "R-" + i, "customerId", "RC-" + i,
                "promisedShipBy", now.plus(Duration.ofDays(30)).toString(),
                "promisedDeliverBy", now.plus(Duration.ofDays(40)).toString(),
                "feedbackWithoutDeliveryAfter", "P30D"))
            .send().toCompletableFuture().whenComplete((created, error) -> {
              if (error != null) {
                failures.incrementAndGet();
              } else {
                journeyKeys[n] = created.getProcessInstanceKey();
              }
              window.release();
            });
      }
      window.acquire(256);
      window.release(256);
      if (failures.get() > 0) {
        throw new IllegalStateException("Expected every journey to start, but " + failures + " did not");
      }
      System.out.printf("  %d journeys started (%.0f s)%n", running, Duration.between(now, Instant.now()).toMillis() / 1e3);
      long[][] confirmations = new long[running][];
      int completed = 0;
      while (completed < running) {
        var jobs = client.newActivateJobsCommand().jobType("send-message").maxJobsToActivate(1000)
            .workerName("restart-bench-seed").timeout(Duration.ofMinutes(10)).fetchVariables("orderId")
            .requestTimeout(Duration.ofSeconds(10)).send().join().getJobs();
        for (var job : jobs) {
          String orderId = (String) job.getVariablesAsMap().get("orderId");
          if (!orderId.startsWith("R-")) {
            continue; // the one real order of the first start, long confirmed
          }
          window.acquire();
          client.newCompleteCommand(job).send().toCompletableFuture().whenComplete((ok, error) -> {
            if (error != null) {
              failures.incrementAndGet();
            }
            window.release();
          });
          confirmations[Integer.parseInt(orderId.substring(2))] = new long[] {job.getElementInstanceKey(), job.getKey()};
          completed++;
        }
      }
      window.acquire(256);
      if (failures.get() > 0) {
        throw new IllegalStateException("Expected every confirmation job to complete, but " + failures + " did not");
      }
      try (Connection c = db.getConnection();
          var order = c.prepareStatement("INSERT INTO orders (order_id, customer_email, customer_name, total, currency, "
              + "locale, received_at, journey_key, claimed_at, customer_id, placed_at, promised_ship_by, "
              + "promised_deliver_by) VALUES (?, 'seeded@example.com', 'Seeded Customer', 10, 'EUR', 'en', ?, ?, ?, ?, ?, ?, ?)");
          var outbox = c.prepareStatement("INSERT INTO outbox (element_instance_key, channel, job_key, order_id, template, "
              + "message_id, status, attempts, created_at, sent_at, customer_id) "
              + "VALUES (?, 'email', ?, ?, 'order-confirmation', ?, 'SENT', 1, ?, ?, ?)")) {
        c.setAutoCommit(false);
        java.sql.Timestamp at = java.sql.Timestamp.from(now);
        for (int i = 0; i < running; i++) {
          order.setString(1, "R-" + i);
          order.setTimestamp(2, at);
          order.setLong(3, journeyKeys[i]);
          order.setTimestamp(4, at);
          order.setString(5, "RC-" + i);
          order.setTimestamp(6, at);
          order.setTimestamp(7, java.sql.Timestamp.from(now.plus(Duration.ofDays(30))));
          order.setTimestamp(8, java.sql.Timestamp.from(now.plus(Duration.ofDays(40))));
          order.addBatch();
          outbox.setLong(1, confirmations[i][0]);
          outbox.setLong(2, confirmations[i][1]);
          outbox.setString(3, "R-" + i);
          outbox.setString(4, "<seeded-R-" + i + "@journeys.local>");
          outbox.setTimestamp(5, at);
          outbox.setTimestamp(6, at);
          outbox.setString(7, "RC-" + i);
          outbox.addBatch();
          if (i % 2000 == 1999 || i == running - 1) {
            order.executeBatch();
            outbox.executeBatch();
            c.commit();
          }
        }
        c.setAutoCommit(true);
        seedInbox(c, "R-%");
      }
    }
  }

  /**
   * The processed webhook of each seeded order (a short body: the real ones are about 5 kB), in
   * slices of the orders' journey keys: one statement over a million rows is one transaction H2
   * holds in memory, and it took most of the seeding time.
   */
  private static void seedInbox(Connection c, String orderIds) throws SQLException {
    long first;
    long last;
    try (var range = c.prepareStatement("SELECT MIN(journey_key), MAX(journey_key) FROM orders WHERE order_id LIKE ?")) {
      range.setString(1, orderIds);
      try (ResultSet rs = range.executeQuery()) {
        rs.next();
        first = rs.getLong(1);
        last = rs.getLong(2);
      }
    }
    long step = Math.max(1, (last - first) / 100 + 1);
    try (var insert = c.prepareStatement("INSERT INTO inbox (source, topic, delivery_id, business_key, order_id, "
        + "api_version, state, attempts, next_attempt_at, outcome, received_at, processed_at) "
        + "SELECT 'shopify', 'orders/create', 'seeded-' || order_id, 'seeded:' || order_id, order_id, '2025-01', "
        + "'DONE', 1, received_at, 'journey started', received_at, received_at FROM orders "
        + "WHERE order_id LIKE ? AND journey_key >= ? AND journey_key < ?");
        var payload = c.prepareStatement("INSERT INTO inbox_payload (inbox_id, payload) SELECT i.id, '{}' FROM inbox i "
        + "JOIN orders o ON o.order_id = i.order_id WHERE i.delivery_id LIKE ? AND o.journey_key >= ? "
        + "AND o.journey_key < ?")) {
      for (long from = first; from <= last; from += step) {
        insert.setString(1, orderIds);
        insert.setLong(2, from);
        insert.setLong(3, from + step);
        insert.executeUpdate();
        payload.setString(1, "seeded-" + orderIds);
        payload.setLong(2, from);
        payload.setLong(3, from + step);
        payload.executeUpdate();
      }
    }
  }

  private String describeStore() throws SQLException {
    String size = "";
    if (dbUrl.startsWith("jdbc:h2:")) {
      size = String.format(", H2 file %d MB", dir.resolve("store/journeys.mv.db").toFile().length() >> 20);
    }
    return String.format("%d journeys in the history (%d completed), %d running in the engine, %d orders%s",
        count("SELECT COUNT(*) FROM engine_process_instance_history"),
        count("SELECT COUNT(*) FROM engine_process_instance_history WHERE state = 'COMPLETED'"),
        count("SELECT COUNT(DISTINCT process_instance_key) FROM engine_element_instance"),
        count("SELECT COUNT(*) FROM orders"), size);
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(dbUrl, "sa", "");
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- kill -9 under load

  private void killUnderLoad(Path jar, List<String> share, int round) throws Exception {
    Launched first = launch(jar, share, "kill-" + round + "-before");
    first.measureReady();
    int rate = Integer.parseInt(options.get("rate"));
    Load load = new Load(rate);
    load.target = first.http;
    Thread sender = Thread.ofPlatform().name("bench-load").start(load);
    Thread.sleep(5_000);
    first.process.destroyForcibly();
    first.process.waitFor(30, TimeUnit.SECONDS);
    List<TrackedOrder> acceptedBeforeKill = List.copyOf(load.accepted);
    long unconfirmedAtKill = acceptedBeforeKill.stream().filter(o -> !o.arrived()).count();
    Launched second = launch(jar, share, "kill-" + round + "-after");
    load.target = second.http;
    Timeline t = second.measureReady();
    // the load goes on for a few seconds after the restart is ready, then stops
    Thread.sleep(5_000);
    load.running.set(false);
    sender.join();
    // the first inbox drain: every order accepted before the kill has its confirmation
    long drainDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (acceptedBeforeKill.stream().anyMatch(o -> !o.arrived()) && System.nanoTime() < drainDeadline) {
      Thread.sleep(20);
    }
    t.drained = (System.nanoTime() - second.launchedNanos) / 1e9;
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (load.accepted.stream().anyMatch(o -> !o.arrived()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    long lost = load.accepted.stream().filter(o -> !o.arrived()).count();
    report(String.format("kill -9 %d under %d webhooks/s (%d accepted before the kill, %d of them not yet "
        + "confirmed then; %d accepted in all, %d refused or failed while down, %d never confirmed)", round, rate,
        acceptedBeforeKill.size(), unconfirmedAtKill, load.accepted.size(), load.failed.get(), lost), second, t);
    second.stop();
  }

  /** Webhooks at a fixed rate to whichever app is up. */
  private final class Load implements Runnable {
    final int rate;
    final AtomicBoolean running = new AtomicBoolean(true);
    final ConcurrentLinkedQueue<TrackedOrder> accepted = new ConcurrentLinkedQueue<>();
    final AtomicLong failed = new AtomicLong();
    volatile int target;

    Load(int rate) {
      this.rate = rate;
    }

    @Override
    public void run() {
      Map<Integer, ShopifyOrderFeed> feeds = new java.util.HashMap<>();
      long next = System.nanoTime();
      while (running.get()) {
        TrackedOrder order = ShopifyOrderFeed.order(orderNumbers.incrementAndGet());
        mail.await(order);
        feeds.computeIfAbsent(target, port -> new ShopifyOrderFeed(port, SECRET, 256)).send(order, o -> {
          if (o.accepted()) {
            accepted.add(o);
          } else {
            failed.incrementAndGet();
            mail.forget(o);
          }
        });
        next += 1_000_000_000L / rate;
        long wait = next - System.nanoTime();
        if (wait > 0) {
          java.util.concurrent.locks.LockSupport.parkNanos(wait);
        }
      }
    }
  }

  // ---------------------------------------------------------------- one app process

  private Launched launch(Path jar, List<String> share, String name) throws IOException {
    int http = freePort();
    List<String> command = new ArrayList<>(List.of(java()));
    command.addAll(jvmOptions());
    command.addAll(share);
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(appArguments(dbUrl, http, freePort(), freePort()));
    Path log = dir.resolve("logs/" + name + ".log");
    Files.createDirectories(log.getParent());
    long launched = System.nanoTime();
    Instant launchedAt = Instant.now();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return new Launched(process, http, log, launched, launchedAt);
  }

  private List<String> appArguments(String url, int http, int engine, int rest) {
    List<String> args = new ArrayList<>(List.of(
        "--spring.datasource.url=" + url,
        "--server.address=127.0.0.1",
        "--server.port=" + http,
        "--journeys.engine.port=" + engine,
        "--journeys.engine.rest-port=" + rest,
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + mail.smtpPort(),
        "--journeys.shopify.webhook-secrets=" + SECRET,
        "--spring.main.banner-mode=off",
        "--logging.pattern.console=%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{40} - %msg%n",
        "--logging.level.root=WARN",
        "--logging.level.dev.journeys=INFO",
        "--logging.level.org.flywaydb=INFO",
        "--logging.level.dev.journeys.JourneysApplication=DEBUG",
        "--logging.level.org.springframework.boot.web.embedded.tomcat=INFO",
        "--logging.level.org.springframework.boot.availability=DEBUG"));
    if (!url.startsWith("jdbc:h2:")) {
      args.add("--spring.datasource.username=");
    }
    return args;
  }

  private final class Launched {
    final Process process;
    final int http;
    final Path log;
    final long launchedNanos;
    final Instant launchedAt;

    Launched(Process process, int http, Path log, long launchedNanos, Instant launchedAt) {
      this.process = process;
      this.http = http;
      this.log = log;
      this.launchedNanos = launchedNanos;
      this.launchedAt = launchedAt;
    }

    double since() {
      return (System.nanoTime() - launchedNanos) / 1e9;
    }

    Timeline measureReady() throws Exception {
      Timeline t = new Timeline();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
      HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(2)).build();
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Expected the app to start, but it exited; see " + log);
        }
        if (since() > 600) {
          throw new IllegalStateException("Expected the app to be ready within 10 minutes, but it was not; see " + log);
        }
        try {
          if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(10);
      }
      t.ready = since();
      t.cpuAtReady = process.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1e3).orElse(-1.0);
      TrackedOrder order = ShopifyOrderFeed.order(orderNumbers.incrementAndGet());
      mail.await(order);
      java.util.concurrent.CountDownLatch answered = new java.util.concurrent.CountDownLatch(1);
      new ShopifyOrderFeed(http, SECRET, 1).send(order, o -> answered.countDown());
      answered.await(60, TimeUnit.SECONDS);
      if (!order.accepted()) {
        throw new IllegalStateException("Expected the first webhook to be accepted, but got " + order.status + "; see " + log);
      }
      t.accepted = (order.answeredAt - launchedNanos) / 1e9;
      while (!order.arrived()) {
        if (since() > t.ready + 300) {
          throw new IllegalStateException("Expected the first confirmation within 5 minutes, but none came; see " + log);
        }
        Thread.sleep(5);
      }
      t.confirmed = (order.arrivedAt - launchedNanos) / 1e9;
      return t;
    }

    /** SIGTERM: Spring's graceful shutdown, as a deployment stops the app. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }

    /** The app's log lines with their time since the launch, in seconds. */
    List<String> timeline() throws IOException {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        Matcher m = LOG_TIME.matcher(line);
        if (m.matches()) {
          double at = Duration.between(launchedAt, OffsetDateTime.parse(m.group(1)).toInstant()).toMillis() / 1e3;
          lines.add(String.format("%7.3f s  %s", at, m.group(2)));
        }
      }
      return lines;
    }
  }

  private static final class Timeline {
    double ready;
    double accepted;
    double confirmed;
    double drained = -1;
    double cpuAtReady;
  }

  private void report(String what, Launched app, Timeline t) throws IOException {
    System.out.printf("%n== %s; log %s%n", what, app.log);
    app.timeline().forEach(line -> System.out.println("  " + line));
    String result = String.format("RESULT %s: readiness UP %.2f s (%.2f s CPU), first webhook accepted %.2f s, its confirmation "
        + "accepted by SMTP %.2f s%s after launch; load average %.2f", what, t.ready, t.cpuAtReady, t.accepted, t.confirmed,
        t.drained >= 0 ? String.format(", every order accepted before the kill confirmed %.2f s", t.drained) : "",
        load());
    System.out.println(result);
    results.add(result);
  }

  // ---------------------------------------------------------------- helpers

  private List<String> jvmOptions() {
    return List.of(options.get("jvm-opts").trim().split("\\s+"));
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private void exec(List<String> command) throws Exception {
    Path log = dir.resolve("logs/exec.log");
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("Expected " + command.get(1) + "... to succeed, but it did not; see " + log);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(path)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
