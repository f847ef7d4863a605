package dev.journeys.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysApplication;
import dev.journeys.TestCredentials;
import dev.journeys.dashboard.ChromiumBrowser;
import io.camunda.client.CamundaClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The studio's three figures on this machine, with the whole app on the embedded engine (H2 file
 * under target/bench-studio/):
 *
 * <ol>
 *   <li>editor ready: the post-purchase journey editable in headless Chromium, in ms from navigation
 *       start (the page's {@code journeys-studio-ready} performance mark, set when the modeler has
 *       imported the diagram), over {@code --editor-runs} page loads after one warm-up;
 *   <li>publish-to-running: ms from sending the publish request to the first new journey started
 *       with "latest version" running the published version, over {@code --publish-runs} publishes;
 *   <li>template preview: ms per {@code POST /api/studio/templates/shipping-update/en/preview} with
 *       an edited subject and SMS (a new text each time, so nothing is served from a cache of
 *       parsed drafts), p50/p95/max over {@code --previews} requests after 20 warm-ups.
 * </ol>
 *
 * Targets: editor ready &lt; 1500 ms, publish &lt; 500 ms, preview p95 &lt; 100 ms.
 *
 * <pre>bench/studio.sh [--editor-runs=5] [--publish-runs=5] [--previews=200]</pre>
 *
 * Without Chromium (/usr/bin/chromium and chromedriver) the editor figure is skipped.
 */
public final class StudioBenchmark {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      options.put(kv[0], kv.length > 1 ? kv[1] : "true");
    }
    int editorRuns = Integer.parseInt(options.getOrDefault("editor-runs", "5"));
    int publishRuns = Integer.parseInt(options.getOrDefault("publish-runs", "5"));
    int previews = Integer.parseInt(options.getOrDefault("previews", "200"));
    Path dir = Path.of("target", "bench-studio");
    Files.createDirectories(dir);
    String db = "jdbc:h2:file:./" + dir + "/journeys-" + System.currentTimeMillis() + ";WRITE_DELAY=0";
    try (ConfigurableApplicationContext app = new SpringApplication(JourneysApplication.class).run(
        "--server.port=0", "--journeys.engine.port=0", "--spring.datasource.url=" + db, "--logging.level.root=WARN")) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      CamundaClient client = app.getBean(CamundaClient.class);
      String base = "http://127.0.0.1:" + port;
      HttpClient http = HttpClient.newHttpClient();

      double[] editor = editorReady(base, editorRuns);
      double[] publish = publishToRunning(http, base, client, publishRuns);
      double[] preview = previews(http, base, previews);

      System.out.println();
      System.out.println("| figure | runs | p50 ms | p95 ms | max ms | target |");
      System.out.println("|---|---:|---:|---:|---:|---|");
      row("editor ready (Chromium, from navigation start)", editor, "< 1500 ms");
      row("publish-to-running", publish, "< 500 ms");
      row("template preview over HTTP", preview, "p95 < 100 ms");
    }
  }

  private static double[] editorReady(String base, int runs) throws Exception {
    try (ChromiumBrowser browser = ChromiumBrowser.start(Path.of("target", "bench-studio"))) {
      var driver = browser.driver;
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      var wait = new WebDriverWait(driver, Duration.ofSeconds(30));
      driver.get(base + "/login");
      driver.findElement(By.name("username")).sendKeys("marketer");
      driver.findElement(By.name("password")).sendKeys(TestCredentials.MARKETER_PASSWORD);
      driver.findElement(By.cssSelector("button[type=submit]")).click();
      wait.until(ExpectedConditions.urlContains("/dashboard"));
      double[] ms = new double[runs];
      for (int i = -1; i < runs; i++) {
        driver.get(base + "/dashboard/studio/post-purchase");
        Object at = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
            + "window.journeysStudio.ready.then(() => setTimeout(() => "
            + "done(performance.getEntriesByName('journeys-studio-ready')[0].startTime), 0), e => done(-1));");
        double readyMs = ((Number) at).doubleValue();
        if (readyMs < 0) {
          throw new IllegalStateException("Expected the editor to open post-purchase, but it failed: "
              + driver.findElement(By.id("status")).getText());
        }
        if (i >= 0) {
          ms[i] = readyMs;
          System.out.printf("editor ready, run %d: %.0f ms%n", i + 1, readyMs);
        }
      }
      Arrays.sort(ms);
      return ms;
    } catch (org.opentest4j.TestAbortedException noChromium) {
      System.out.println("editor ready: skipped, " + noChromium.getMessage());
      return new double[0];
    }
  }

  private static double[] publishToRunning(HttpClient http, String base, CamundaClient client, int runs)
      throws Exception {
    String journey = base + "/api/studio/journeys/post-purchase";
    double[] ms = new double[runs];
    for (int i = 0; i < runs; i++) {
      String xml = send(http, "GET", journey + "/xml", null, "application/xml").body();
      String renamed = xml.replaceFirst("(<serviceTask id=\"send_order_confirmation\" name=\")[^\"]*\"",
          "$1Confirm the order (bench " + System.nanoTime() + ")\"");
      long start = System.nanoTime();
      HttpResponse<String> published = send(http, "POST", journey + "/publish?anyway=true", renamed, "application/xml");
      if (published.statusCode() != 201) {
        throw new IllegalStateException("Expected 201 from publish, but got " + published.statusCode() + ": "
            + published.body());
      }
      long key = JSON.readTree(published.body()).get("key").asLong();
      long started;
      while (true) {
        var instance = client.newCreateInstanceCommand().bpmnProcessId("post-purchase").latestVersion()
            .variables(Map.of("orderId", "bench-" + i, "customerId", "C-bench")).send().join();
        started = System.nanoTime();
        client.newCancelInstanceCommand(instance.getProcessInstanceKey()).send().join();
        if (instance.getProcessDefinitionKey() == key) {
          break;
        }
      }
      ms[i] = (started - start) / 1e6;
      System.out.printf("publish-to-running, run %d: %.0f ms%n", i + 1, ms[i]);
    }
    Arrays.sort(ms);
    return ms;
  }

  private static double[] previews(HttpClient http, String base, int runs) throws Exception {
    String url = base + "/api/studio/templates/shipping-update/en/preview";
    double[] ms = new double[runs];
    for (int i = -20; i < runs; i++) {
      String body = JSON.writeValueAsString(Map.of("parts", Map.of(
          ".subject.txt", "Your order [(${orderId})] is on its way (" + i + ")",
          ".sms.txt", "Order [(${orderId})] ships today, edit " + i + ". Track: [(${trackingUrl})]"),
          "variant", Math.floorMod(i, 12)));
      long start = System.nanoTime();
      HttpResponse<String> response = send(http, "POST", url, body, "application/json");
      double took = (System.nanoTime() - start) / 1e6;
      JsonNode preview = JSON.readTree(response.body());
      if (response.statusCode() != 200 || preview.get("parts").size() < 6) {
        throw new IllegalStateException("Expected a preview of six parts, but got " + response.statusCode() + ": "
            + response.body());
      }
      if (i >= 0) {
        ms[i] = took;
      }
    }
    Arrays.sort(ms);
    return ms;
  }

  private static HttpResponse<String> send(HttpClient http, String method, String url, String body, String type)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Authorization", TestCredentials.bearer(TestCredentials.MARKETER_TOKEN));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void row(String figure, double[] ms, String target) {
    if (ms.length == 0) {
      System.out.printf("| %s | 0 | – | – | – | %s |%n", figure, target);
      return;
    }
    System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %s |%n", figure, ms.length, percentile(ms, 50),
        percentile(ms, 95), ms[ms.length - 1], target);
  }

  private static double percentile(double[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private StudioBenchmark() {}

}
