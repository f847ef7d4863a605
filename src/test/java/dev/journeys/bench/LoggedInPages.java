package dev.journeys.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A logged-in browser without the rendering: one session cookie, pages fetched whole. */
final class LoggedInPages {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private final String base;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private int lastBytes;

  LoggedInPages(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  void logIn(String user, String password) throws IOException, InterruptedException {
    Matcher csrf = CSRF.matcher(get("/login").body());
    if (!csrf.find()) {
      throw new IllegalStateException("Expected a CSRF token on the login page");
    }
    String form = "username=" + user + "&password=" + password + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    var answer = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (!answer.headers().firstValue("Location").orElse("").endsWith("/dashboard")) {
      throw new IllegalStateException("Expected to log in as " + user + ", but was sent to " + answer.headers().firstValue("Location"));
    }
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Milliseconds per request, sorted, after a few warm-up requests. */
  double[] time(String path, int repeats) throws IOException, InterruptedException {
    for (int i = 0; i < 5; i++) {
      check(path, get(path));
    }
    double[] ms = new double[repeats];
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      HttpResponse<String> page = get(path);
      ms[i] = (System.nanoTime() - start) / 1e6;
      check(path, page);
      lastBytes = page.body().length();
    }
    Arrays.sort(ms);
    return ms;
  }

  private static void check(String path, HttpResponse<String> page) {
    if (page.statusCode() != 200) {
      throw new IllegalStateException("Expected 200 from " + path + ", but got " + page.statusCode() + ": " + page.body());
    }
  }

  /**
   * Times each page ({@link #time}) and prints a table of median, p95, max and size, whether each
   * p95 is under the target, and the load average before and after.
   */
  void report(java.util.Map<String, String> pages, int repeats, double targetMs) throws IOException, InterruptedException {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("Load average before timing: %.2f%n", os.getSystemLoadAverage());
    System.out.printf("%n%-36s %8s %8s %8s %8s  %s%n", "page", "median", "p95", "max", "bytes",
        "under " + (int) targetMs + " ms (p95)");
    boolean allMet = true;
    for (var page : pages.entrySet()) {
      double[] ms = time(page.getValue(), repeats);
      double p95 = ms[(int) Math.ceil(0.95 * ms.length) - 1];
      allMet &= p95 < targetMs;
      System.out.printf("%-36s %8.1f %8.1f %8.1f %8d  %s%n", page.getKey(), ms[ms.length / 2], p95,
          ms[ms.length - 1], lastBytes, p95 < targetMs ? "yes" : "NO");
    }
    System.out.printf("%nLoad average after timing: %.2f. Target (every page's p95 under %d ms): %s%n",
        os.getSystemLoadAverage(), (int) targetMs, allMet ? "met" : "NOT met");
  }
}
