package dev.journeys.bench;

import dev.journeys.engine.spring.EngineHistoryPurge;
import dev.journeys.storage.TimedRetention;
import io.camunda.client.CamundaClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 25's retention measurement: does the purge of old data hold up the live traffic? Starts the
 * whole app (as {@link WebhookToEmailBenchmark}: GreenMail as SMTP server, signed Shopify webhooks
 * at a fixed rate), fills its store with N journeys' worth of data past every retention
 * ({@link PurgeSeeder}: engine history, inbox bodies, outbox rows, decisions, events, sandbox
 * copies), then runs the webhook → SMTP load twice for the same time: once alone (baseline), once
 * while the app's own purge runs (the engine's history cleanup, then {@code Retention.purge()}, on
 * one thread as the app's scheduler runs them, with the configured batch size and pause).
 * Reports both phases' latency, the purge's rows/s per kind and journeys/s, its longest batch, and
 * checks that exactly the expired rows went.
 *
 * <pre>bench/purge.sh [--journeys=200000] [--db-url=jdbc:postgresql://127.0.0.1:5432/purge_bench?user=postgres]
 *                [--purge-max-seconds=1800] [every option of bench/webhook-to-email.sh]</pre>
 *
 * <p>H2 file in a temporary directory by default; --db-url must name an empty database. Exit code 0
 * when both phases were clean (every order confirmed once), the purge ended and removed exactly the
 * expired rows; 1 otherwise.
 */
public final class PurgeBenchmark {

  private PurgeBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>();
    Map<String, String> own = new LinkedHashMap<>();
    for (String arg : args) {
      String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(2, arg.indexOf('=')) : "";
      if (List.of("journeys", "db-url", "purge-max-seconds").contains(name)) {
        own.put(name, arg.substring(arg.indexOf('=') + 1));
      } else {
        rest.add(arg);
      }
    }
    int journeys = Integer.parseInt(own.getOrDefault("journeys", "200000"));
    int purgeMaxSeconds = Integer.parseInt(own.getOrDefault("purge-max-seconds", "1800"));
    WebhookToEmailBenchmark.Options options = WebhookToEmailBenchmark.Options.parse(rest.toArray(String[]::new));
    BenchSupport.quietLogging();
    BenchSupport.startWatchdog(3L * (options.warmupSeconds() + 2L * (options.seconds() + 2L * options.drainSeconds()))
        + purgeMaxSeconds + 3600);
    Path dir = Files.createTempDirectory("journeys-purge-bench-");
    String dbUrl = own.get("db-url");
    System.out.printf("Purge benchmark: %,d journeys past retention; %s%n", journeys, options.describe());
    System.out.printf("JVM %s, %d cores, -Xmx %d MB, database %s%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
        dbUrl == null ? "H2 files in " + dir : dbUrl.replaceAll("password=[^&;]*", "password=***"));
    boolean clean = false;
    try (MailArrivals mail = new MailArrivals(Math.round(options.pollMs() * 1000))) {
      List<String> overrides = new ArrayList<>(options.appProperties());
      if (dbUrl != null) {
        overrides.add("--spring.datasource.url=" + dbUrl);
      }
      ConfigurableApplicationContext app = BenchSupport.startApp(dir, List.of(
          "--spring.mail.host=127.0.0.1",
          "--spring.mail.port=" + mail.smtpPort(),
          "--journeys.shopify.webhook-secrets=" + WebhookToEmailBenchmark.SECRET,
          // the benchmark starts the purge itself, at the start of the second phase
          "--journeys.retention.enabled=false",
          "--journeys.retention.initial-delay=3650d"), overrides);
      try {
        clean = run(app, mail, options, journeys, purgeMaxSeconds);
      } finally {
        WebhookToEmailBenchmark.close(app);
      }
    } finally {
      BenchSupport.deleteRecursively(dir);
    }
    System.out.flush();
    Runtime.getRuntime().halt(clean ? 0 : 1); // the app's threads would keep the JVM alive
  }

  private static boolean run(ConfigurableApplicationContext app, MailArrivals mail,
      WebhookToEmailBenchmark.Options options, int journeys, int purgeMaxSeconds) throws Exception {
    DataSource ds = app.getBean(DataSource.class);
    JdbcClient jdbc = JdbcClient.create(ds);
    var definition = app.getBean(CamundaClient.class).newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId("post-purchase")).send().join().items().get(0);
    long seedStart = System.nanoTime();
    DashboardSeeder.Seeded seeded = PurgeSeeder.seed(ds, journeys, definition.getProcessDefinitionKey(),
        definition.getVersion(), Instant.now());
    int finished = journeys - seeded.active();
    System.out.printf("seeded %,d journeys (%,d finished, %,d still running) dated %d days ago in %.1f s%n",
        journeys, finished, seeded.active(), PurgeSeeder.AGE.toDays(), (System.nanoTime() - seedStart) / 1e9);
    Map<String, Long> before = counts(jdbc);
    System.out.printf("rows before: %s%n", before);

    int httpPort = ((WebServerApplicationContext) app).getWebServer().getPort();
    OrderPhase phases = new OrderPhase(new ShopifyOrderFeed(httpPort, WebhookToEmailBenchmark.SECRET,
        options.maxInFlight()), mail, options);
    if (options.warmupSeconds() > 0) {
      OrderPhase.Result warmup = phases.run("warm-up", options.warmupSeconds(), false);
      System.out.printf("warm-up: %d orders sent, %d confirmations%n", warmup.orders().size(), warmup.arrived());
    }
    System.gc();
    System.out.printf("%n=== Phase 1: baseline, no purge ===%n");
    OrderPhase.Result baseline = phases.run("baseline", options.seconds(), true);
    WebhookReport baselineReport = new WebhookReport(options, baseline, mail);
    baselineReport.print();

    System.gc();
    System.out.printf("%n=== Phase 2: the same load while the purge runs ===%n");
    TimedRetention retention = new TimedRetention(app);
    long seededEngineRowsBefore = seededEngineRows(jdbc, seeded);
    long purgeStart = System.nanoTime();
    long[] ends = new long[2];
    // one thread, one after the other, as the app's scheduler (one thread by default) runs them
    CompletableFuture<Integer> enginePurge = new CompletableFuture<>();
    CompletableFuture<Map<String, Integer>> appPurge = new CompletableFuture<>();
    Thread.ofPlatform().name("bench-purge").daemon().start(() -> {
      try {
        int engineJourneys = EngineHistoryPurge.run(app);
        ends[1] = System.nanoTime();
        enginePurge.complete(engineJourneys);
        Map<String, Integer> rows = retention.purge();
        ends[0] = System.nanoTime();
        appPurge.complete(rows);
      } catch (RuntimeException e) {
        enginePurge.completeExceptionally(e);
        appPurge.completeExceptionally(e);
      }
    });
    OrderPhase.Result during = phases.run("during purge", options.seconds(), true);
    long loadEnd = during.sendEnd();
    WebhookReport duringReport = new WebhookReport(options, during, mail);
    duringReport.print();
    boolean purgeEnded = true;
    int engineJourneys = -1;
    try {
      appPurge.get(purgeMaxSeconds, TimeUnit.SECONDS);
      engineJourneys = enginePurge.get(purgeMaxSeconds, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      purgeEnded = false;
      System.out.printf("RESULT PURGE NOT DONE after --purge-max-seconds=%d%n", purgeMaxSeconds);
    }

    System.out.println();
    for (TimedRetention.Kind kind : retention.kinds()) {
      System.out.printf("RESULT purge %s: %,d rows in %d batches, %.1f s = %,.0f rows/s; longest batch %.1f ms%n",
          kind.name(), kind.rows(), kind.batches(), kind.seconds(), kind.rows() / Math.max(kind.seconds(), 1e-9),
          kind.longestBatchMillis());
    }
    if (purgeEnded) {
      double engineSeconds = (ends[1] - purgeStart) / 1e9;
      double allSeconds = (ends[0] - purgeStart) / 1e9;
      long engineRows = seededEngineRowsBefore - seededEngineRows(jdbc, seeded);
      System.out.printf("RESULT purge engine history: %,d journeys (%,d rows) in %.1f s = %,.0f journeys/s, %,.0f rows/s%n",
          engineJourneys, engineRows, engineSeconds, engineJourneys / engineSeconds, engineRows / engineSeconds);
      System.out.printf("RESULT purge overall: %,d finished journeys' data in %.1f s = %,.0f journeys/s; the purge "
              + "%s%n", finished, allSeconds, finished / allSeconds,
          ends[0] >= loadEnd ? "ran through the whole loaded phase"
              : "ended %.1f s into the %d s loaded phase (the rest of the phase ran without it)"
                  .formatted(allSeconds, options.seconds()));
    }
    boolean right = purgeEnded && checkLeft(jdbc, journeys, seeded);
    double p99Base = p99(baseline);
    double p99During = p99(during);
    System.out.printf("VERDICT webhook->SMTP p50 %.1f -> %.1f ms, p99 %.1f -> %.1f ms (baseline -> during purge, "
            + "%+.1f ms); load average %.2f/%.2f -> %.2f/%.2f; both phases clean: %s; purge removed exactly the "
            + "expired rows: %s%n",
        quantile(baseline, 0.5), quantile(during, 0.5), p99Base, p99During, p99During - p99Base,
        baseline.loadAtStart(), baseline.loadAtEnd(), during.loadAtStart(), during.loadAtEnd(),
        baselineReport.clean() && duringReport.clean() ? "yes" : "NO", right ? "yes" : "NO");
    return baselineReport.clean() && duringReport.clean() && right;
  }

  private static final List<String> TABLES = List.of("engine_process_instance_history",
      "engine_element_instance_history", "engine_incident_history", "inbox", "inbox_payload", "outbox",
      "outbox_decision", "message_event", "sandbox_message");

  private static Map<String, Long> counts(JdbcClient jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
    }
    return counts;
  }

  /** The seeded rows past retention are gone, the running journeys' history and the inbox rows stay. */
  private static boolean checkLeft(JdbcClient jdbc, int journeys, DashboardSeeder.Seeded seeded) {
    long last = seeded.lastInstance() + 99;
    Map<String, Long> left = new LinkedHashMap<>();
    left.put("finished journeys' history", jdbc.sql("SELECT COUNT(*) FROM engine_process_instance_history WHERE "
        + "process_instance_key BETWEEN ? AND ? AND state <> 'ACTIVE'").params(seeded.firstInstance(), last)
        .query(Long.class).single());
    left.put("their elements", jdbc.sql("SELECT COUNT(*) FROM engine_element_instance_history e WHERE "
        + "process_instance_key BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM engine_process_instance_history p "
        + "WHERE p.process_instance_key = e.process_instance_key)").params(seeded.firstInstance(), last)
        .query(Long.class).single());
    left.put("seeded inbox bodies", jdbc.sql("SELECT COUNT(*) FROM inbox_payload p JOIN inbox i ON i.id = p.inbox_id "
        + "WHERE i.business_key LIKE 'seeded-order-%'").query(Long.class).single());
    left.put("seeded outbox rows", jdbc.sql("SELECT COUNT(*) FROM outbox WHERE element_instance_key BETWEEN ? AND ?")
        .params(seeded.firstInstance(), last).query(Long.class).single());
    left.put("seeded decisions", jdbc.sql("SELECT COUNT(*) FROM outbox_decision WHERE element_instance_key BETWEEN ? AND ?")
        .params(seeded.firstInstance(), last).query(Long.class).single());
    left.put("seeded events", jdbc.sql("SELECT COUNT(*) FROM message_event WHERE element_instance_key BETWEEN ? AND ?")
        .params(seeded.firstInstance(), last).query(Long.class).single());
    left.put("seeded sandbox copies", jdbc.sql("SELECT COUNT(*) FROM sandbox_message WHERE message_id LIKE '<seeded-%'")
        .query(Long.class).single());
    long running = jdbc.sql("SELECT COUNT(*) FROM engine_process_instance_history WHERE process_instance_key BETWEEN ? AND ? "
        + "AND state = 'ACTIVE'").params(seeded.firstInstance(), last).query(Long.class).single();
    long inboxRows = jdbc.sql("SELECT COUNT(*) FROM inbox WHERE business_key LIKE 'seeded-order-%'").query(Long.class).single();
    long fresh = jdbc.sql("SELECT COUNT(*) FROM inbox_payload p JOIN inbox i ON i.id = p.inbox_id "
        + "WHERE i.business_key NOT LIKE 'seeded-order-%'").query(Long.class).single();
    System.out.printf("RESULT left after the purge: expired %s (all should be 0); running journeys kept %,d of %,d; "
        + "seeded inbox rows kept %,d of %,d (only their bodies go); this run's inbox bodies kept %,d%n",
        left, running, seeded.active(), inboxRows, journeys, fresh);
    return left.values().stream().allMatch(n -> n == 0) && running == seeded.active() && inboxRows == journeys
        && fresh > 0;
  }

  /** The engine history rows of the seeded journeys (this run's own journeys have keys far above). */
  private static long seededEngineRows(JdbcClient jdbc, DashboardSeeder.Seeded seeded) {
    long rows = 0;
    for (String table : List.of("engine_process_instance_history", "engine_element_instance_history",
        "engine_incident_history")) {
      rows += jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE process_instance_key BETWEEN ? AND ?")
          .params(seeded.firstInstance(), seeded.lastInstance() + 99).query(Long.class).single();
    }
    return rows;
  }

  private static double p99(OrderPhase.Result result) {
    return quantile(result, 0.99);
  }

  private static double quantile(OrderPhase.Result result, double q) {
    long[] latency = result.orders().stream().filter(o -> o.sentAt != 0 && o.accepted() && o.arrived())
        .mapToLong(TrackedOrder::latencyNanos).sorted().toArray();
    return latency.length == 0 ? Double.NaN : latency[WebhookReport.rank(latency.length, q)] / 1e6;
  }
}
