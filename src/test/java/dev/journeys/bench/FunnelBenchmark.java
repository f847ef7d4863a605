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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The journey funnel page at scale: starts the app on the embedded engine, seeds N post-purchase
 * journeys with {@link ResultsSeedFunnel}, logs in as a viewer and times the page, its JSON and its
 * CSV (--warm-up requests, default 5, then --repeats timed): median, p95, max.
 *
 * <pre>MAVEN_ARGS=-o bench/funnel.sh --journeys=1000000 [--db-url=...] [--repeats=40]</pre>
 */
public final class FunnelBenchmark {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    int journeys = Integer.parseInt(options.getOrDefault("journeys", "1000000"));
    int repeats = Integer.parseInt(options.getOrDefault("repeats", "40"));
    int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "5"));
    Path dir = Path.of("target", "bench-funnel");
    Files.createDirectories(dir);
    String dbUrl = options.getOrDefault("db-url", "jdbc:h2:file:./" + dir + "/journeys-" + System.currentTimeMillis()
        + ";WRITE_DELAY=0;QUERY_CACHE_SIZE=128");
    try (ConfigurableApplicationContext app = new SpringApplication(JourneysApplication.class).run(
        "--server.port=0", "--journeys.engine.port=0", "--spring.datasource.url=" + dbUrl, "--logging.level.root=WARN")) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      long seedStart = System.nanoTime();
      ResultsSeedFunnel.seed(app.getBean(DataSource.class), journeys, Instant.now());
      System.out.printf("Seeded %,d journeys in %.1f s%n", journeys, (System.nanoTime() - seedStart) / 1e9);
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER).build();
      Matcher csrf = CSRF.matcher(get(http, base + "/login").body());
      if (!csrf.find()) {
        throw new IllegalStateException("Expected a CSRF token on the login page");
      }
      http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("username=viewer&password=viewer-password&_csrf="
              + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
      System.out.printf("%n%-28s %8s %8s %8s %8s%n", "request", "median", "p95", "max", "bytes");
      for (String path : new String[] {"/dashboard/results/funnel", "/dashboard/results/funnel?compare=1",
          "/api/results/funnel", "/dashboard/results/funnel.csv"}) {
        int bytes = 0;
        for (int i = 0; i < warmUp; i++) {
          bytes = check(path, get(http, base + path)).length();
        }
        double[] ms = new double[repeats];
        for (int i = 0; i < repeats; i++) {
          long start = System.nanoTime();
          check(path, get(http, base + path));
          ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("%-28s %8.1f %8.1f %8.1f %8d%n", path.length() > 28 ? path.substring(0, 28) : path,
            ms[ms.length / 2], ms[(int) Math.ceil(0.95 * ms.length) - 1], ms[ms.length - 1], bytes);
      }
    }
  }

  private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String check(String path, HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException("Expected 200 from " + path + ", got " + response.statusCode());
    }
    return response.body();
  }
}
