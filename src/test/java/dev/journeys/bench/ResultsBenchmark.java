package dev.journeys.bench;

import dev.journeys.JourneysApplication;
import dev.journeys.feedback.SatisfactionRollup;
import dev.journeys.orders.DeliveryRollup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast the results pages answer on a full store: starts the whole app on the embedded engine
 * (an H2 file under target/, or --db-url), fills it with N journeys of the post-purchase journey in
 * the engine's history and funnel counters (ResultsSeedFunnel), N orders with their shipments, delay
 * alerts, feedback requests and ratings (ResultsSeedCsat) and M message records with their decisions,
 * events and daily rollups (ResultsSeedMessages), all spread over the last year; logs in as a viewer
 * and times each results page over HTTP: 5 warm-up requests, then --repeats timed, p50/p95/max.
 *
 * <pre>bench/results.sh [--journeys=1000000] [--messages=5000000] [--repeats=20] [--db-url=jdbc:postgresql://...]
 *     [--seeded=true]</pre>
 *
 * <p>After seeding, the customer satisfaction and delivery honesty roll-ups add up every closed day
 * (the app's periodic roll-up is held off while the seeding writes). A PostgreSQL URL must name an
 * empty database (the app migrates it); the run leaves the data there, and {@code --seeded=true}
 * times such a store again without seeding (migrating it first if the app is newer, then rolling up).
 */
public final class ResultsBenchmark {

  private static final double TARGET_MS = 300;

  private ResultsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int journeys = Integer.parseInt(options.getOrDefault("journeys", "1000000").replace("_", ""));
    int messages = Integer.parseInt(options.getOrDefault("messages", "5000000").replace("_", ""));
    int repeats = Integer.parseInt(options.getOrDefault("repeats", "20"));
    boolean seeded = Boolean.parseBoolean(options.getOrDefault("seeded", "false"));
    Path dir = Path.of("target", "bench-results");
    Files.createDirectories(dir);
    String dbUrl = options.getOrDefault("db-url", "jdbc:h2:file:./" + dir + "/journeys-" + System.currentTimeMillis()
        + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128");
    System.out.printf("Results benchmark: %,d journeys and orders, %,d message records, %d timed requests per page, "
        + "database %s%n", journeys, messages, repeats, dbUrl.replaceAll("password=[^&;]*", "password=***"));
    List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--journeys.engine.port=0",
        "--spring.datasource.url=" + dbUrl, "--logging.level.root=WARN",
        // the purge would start removing the year's oldest seeded records while the pages are timed
        "--journeys.retention.enabled=false",
        // the seeding writes straight into the tables, day after day: the roll-ups run once it is done
        "--journeys.results.rollup-initial-delay=3650d"));
    try (ConfigurableApplicationContext app = new SpringApplication(JourneysApplication.class)
        .run(appArgs.toArray(String[]::new))) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      DataSource ds = app.getBean(DataSource.class);
      Instant now = Instant.now();
      long start = System.nanoTime();
      if (seeded) {
        System.out.println("Seeding skipped (--seeded=true): timing the store as it is");
      } else {
        ResultsSeedFunnel.seed(ds, journeys, now);
        System.out.printf("Seeded %,d journeys into the engine's history and funnel in %.1f s%n", journeys, seconds(start));
        start = System.nanoTime();
        ResultsSeedCsat.seed(ds, journeys, now);
        System.out.printf("Seeded %,d orders with shipments, alerts and ratings in %.1f s%n", journeys, seconds(start));
        start = System.nanoTime();
        ResultsSeedMessages.seed(ds, messages, now);
        System.out.printf("Seeded %,d message records in %.1f s%n", messages, seconds(start));
      }
      start = System.nanoTime();
      int csatDays = app.getBean(SatisfactionRollup.class).rollUpClosedDays();
      int deliveryDays = app.getBean(DeliveryRollup.class).rollUpClosedDays();
      System.out.printf("Rolled up %d days of customer satisfaction and %d of delivery honesty in %.1f s%n",
          csatDays, deliveryDays, seconds(start));
      if (dbUrl.startsWith("jdbc:postgresql:")) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
          s.execute("ANALYZE");
        }
      }

      LoggedInPages pages = new LoggedInPages(port);
      pages.logIn("viewer", "viewer-password");
      String lastYear = LocalDate.now(ZoneOffset.UTC).minusDays(364).toString();
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      Map<String, String> urls = new LinkedHashMap<>();
      urls.put("customer satisfaction (28 days)", "/dashboard/results/csat");
      urls.put("customer satisfaction (a year)", "/dashboard/results/csat?from=" + lastYear + "&to=" + today);
      urls.put("journey funnel (newest version)", "/dashboard/results/funnel");
      urls.put("message outcomes (28 days)", "/dashboard/results/messages");
      urls.put("message outcomes (a year)", "/dashboard/results/messages?from=" + lastYear + "&to=" + today);
      urls.put("delivery honesty (28 days)", "/dashboard/results/delivery");
      urls.put("delivery honesty (a year)", "/dashboard/results/delivery?from=" + lastYear + "&to=" + today);
      urls.put("parked events", "/dashboard/parked");
      pages.report(urls, repeats, TARGET_MS);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected --name=value, but got '" + arg + "'");
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    if (!List.of("journeys", "messages", "repeats", "db-url", "seeded").containsAll(options.keySet())) {
      throw new IllegalArgumentException("Expected only --journeys, --messages, --repeats, --db-url, --seeded, but got "
          + options.keySet());
    }
    return options;
  }
}
