package dev.journeys.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser's view of the app over plain HTTP: cookies kept, redirects not followed, CSRF token read from forms.
 * Public for the dashboard's own tests of operators' forms.
 */
public final class WebSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final String base;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  public WebSession(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
  }

  public HttpResponse<String> get(String path, String bearer) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + bearer).GET().build());
  }

  public HttpResponse<String> postForm(String path, String form) {
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
  }

  public HttpResponse<String> postJson(String path, String json, String bearer) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    return send(request.build());
  }

  /** The CSRF token of the first form on a page. */
  public String csrfFrom(String path) {
    HttpResponse<String> page = get(path);
    assertThat(page.statusCode()).as("GET " + path).isEqualTo(200);
    Matcher token = CSRF.matcher(page.body());
    assertThat(token.find()).as("a _csrf field on " + path).isTrue();
    return token.group(1) != null ? token.group(1) : token.group(2);
  }

  /** Logs in through the login form, as a browser would; answers the login POST's response. */
  public HttpResponse<String> logIn(String username, String password) {
    String csrf = csrfFrom("/login");
    return postForm("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf));
  }

  public static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
