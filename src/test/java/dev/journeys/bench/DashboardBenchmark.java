package dev.journeys.bench;

import dev.journeys.JourneysApplication;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast the dashboard's pages answer with many instances in the database: starts the whole app
 * on the embedded engine (H2 file under target/, or --db-url), seeds N post-purchase journeys into
 * the engine's history and the app's tables, logs in as a viewer and times each page over HTTP.
 *
 * <pre>bench/dashboard.sh [--instances=100000] [--repeats=20] [--db-url=jdbc:postgresql://...] [--counts-max-age=0s]</pre>
 *
 * <p>{@code --counts-max-age=0s} makes every diagram page count afresh (journeys.dashboard.counts-max-age),
 * to measure the counting itself rather than the page.
 */
public final class DashboardBenchmark {

  private static final double TARGET_MS = 300;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int instances = Integer.parseInt(options.getOrDefault("instances", "100000"));
    int repeats = Integer.parseInt(options.getOrDefault("repeats", "20"));
    Path dir = Path.of("target", "bench-dashboard");
    String dbUrl = options.getOrDefault("db-url", "jdbc:h2:file:./" + dir + "/journeys-" + System.currentTimeMillis()
        + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128");
    Files.createDirectories(dir);
    System.out.printf("Dashboard benchmark: %,d instances, %d timed requests per page, database %s%n", instances,
        repeats, dbUrl.replaceAll("password=[^&;]*", "password=***"));
    List<String> appArgs = new ArrayList<>(List.of("--server.port=0", "--journeys.engine.port=0",
        "--spring.datasource.url=" + dbUrl, "--logging.level.root=WARN"));
    if (options.containsKey("counts-max-age")) {
      appArgs.add("--journeys.dashboard.counts-max-age=" + options.get("counts-max-age"));
    }
    try (ConfigurableApplicationContext app = new SpringApplication(JourneysApplication.class)
        .run(appArgs.toArray(String[]::new))) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      CamundaClient client = app.getBean(CamundaClient.class);
      var definition = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId("post-purchase"))
          .send().join().items().get(0);
      long seedStart = System.nanoTime();
      var seeded = new DashboardSeeder(app.getBean(DataSource.class))
          .seed(instances, definition.getProcessDefinitionKey(), definition.getVersion(), Instant.now());
      System.out.printf("Seeded %,d instances (%,d running, %,d in an incident) in %.1f s%n", instances,
          seeded.active(), seeded.incidents(), (System.nanoTime() - seedStart) / 1e9);

      LoggedInPages pages = new LoggedInPages(port);
      pages.logIn("viewer", "viewer-password");
      long middle = seeded.firstInstance() + (seeded.lastInstance() - seeded.firstInstance()) / 2 / 100 * 100;
      String day = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString().replace("Z", "");
      String nextDay = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES).toString().replace("Z", "");
      Map<String, String> urls = new LinkedHashMap<>();
      urls.put("overview", "/dashboard");
      urls.put("journey (diagram + counts)", "/dashboard/journeys/" + definition.getProcessDefinitionKey());
      urls.put("instances, no filter", "/dashboard/instances");
      urls.put("instances, running post-purchase", "/dashboard/instances?journey=post-purchase&state=active");
      urls.put("instances, in an incident", "/dashboard/instances?state=incident");
      urls.put("instances, by order id", "/dashboard/instances?orderId=S-" + instances / 2);
      urls.put("instances, by customer", "/dashboard/instances?customerId=SC-123");
      urls.put("instances, started in one day", "/dashboard/instances?from=" + day + "&to=" + nextDay);
      urls.put("instance view (completed)", "/dashboard/instances/" + middle);
      urls.put("instance view (running)", "/dashboard/instances/" + (seeded.firstInstance() + 4 * 100));
      urls.put("incidents", "/dashboard/incidents");
      urls.put("sandbox outbox (page)", "/dashboard/sandbox");
      pages.report(urls, repeats, TARGET_MS);
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected --name=value, but got '" + arg + "'");
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    if (!List.of("instances", "repeats", "db-url", "counts-max-age").containsAll(options.keySet())) {
      throw new IllegalArgumentException("Expected only --instances, --repeats, --db-url, --counts-max-age, but got " + options.keySet());
    }
    return options;
  }
}
