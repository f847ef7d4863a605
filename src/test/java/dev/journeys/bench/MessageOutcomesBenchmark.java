package dev.journeys.bench;

import dev.journeys.JourneysApplication;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast the message outcomes page answers with many message records: starts the whole app (H2
 * file under target/, or --db-url), seeds N messages over the last year
 * ({@link ResultsSeedMessages}), logs in as a viewer and times the page, its CSV and the API over HTTP.
 *
 * <pre>bench/run-main.sh: source it, then run_main -Xmx1g dev.journeys.bench.MessageOutcomesBenchmark --messages=1000000</pre>
 */
public final class MessageOutcomesBenchmark {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    int messages = Integer.parseInt(options.getOrDefault("messages", "1000000"));
    int repeats = Integer.parseInt(options.getOrDefault("repeats", "40"));
    Path dir = Path.of("target", "bench-outcomes");
    Files.createDirectories(dir);
    String dbUrl = options.getOrDefault("db-url", "jdbc:h2:file:./" + dir + "/journeys-" + System.currentTimeMillis()
        + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128");
    try (ConfigurableApplicationContext app = new SpringApplication(JourneysApplication.class)
        .run("--server.port=0", "--journeys.engine.port=0", "--spring.datasource.url=" + dbUrl,
            "--logging.level.root=WARN")) {
      long start = System.nanoTime();
      var seeded = ResultsSeedMessages.seed(app.getBean(DataSource.class), messages, Instant.now());
      System.out.printf("Seeded %,d messages (%,d decisions, %,d events, %d days rolled up) in %.1f s%n",
          seeded.messages(), seeded.decisions(), seeded.events(), seeded.daysRolledUp(), (System.nanoTime() - start) / 1e9);
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER).build();
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      logIn(http, base);
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      Map<String, String> urls = new LinkedHashMap<>();
      urls.put("page, last 28 days", "/dashboard/results/messages");
      urls.put("page, last 365 days", "/dashboard/results/messages?from=" + today.minusDays(364) + "&to=" + today);
      urls.put("CSV, last 28 days", "/dashboard/results/messages.csv");
      urls.put("API, last 28 days", "/api/results/messages");
      System.out.printf("%n%-24s %8s %8s %8s%n", "request", "median", "p95", "max");
      for (var url : urls.entrySet()) {
        double[] ms = time(http, base + url.getValue(), repeats);
        System.out.printf("%-24s %8.1f %8.1f %8.1f%n", url.getKey(), ms[ms.length / 2],
            ms[(int) Math.ceil(0.95 * ms.length) - 1], ms[ms.length - 1]);
      }
    }
  }

  private static void logIn(HttpClient http, String base) throws Exception {
    String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Matcher csrf = CSRF.matcher(login);
    if (!csrf.find()) {
      throw new IllegalStateException("Expected a CSRF token on the login page");
    }
    String form = "username=viewer&password=viewer-password&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double[] time(HttpClient http, String url, int repeats) throws Exception {
    // Warm-up: the first pages compile templates and JIT the counting; 5 left the first page timed cold.
    for (int i = 0; i < 25; i++) {
      get(http, url);
    }
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      get(http, url);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void get(HttpClient http, String url) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("Expected 200 from " + url + ", but got " + answer.statusCode());
    }
  }
}
