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
  int lastBytes;

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
}
