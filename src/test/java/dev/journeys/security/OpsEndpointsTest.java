package dev.journeys.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Metrics and the API's description say what the shop runs and how to call it: a token or a login
 * reads them, a stranger gets 401. The API docs are served only where springdoc.api-docs.enabled (the
 * dev profile, or here); AccessControlTest shows them absent by default.
 */
@JourneysAppTest
@AutoConfigureObservability(tracing = false) // tests get no /actuator/prometheus otherwise
@TestPropertySource(properties = "springdoc.api-docs.enabled=true")
class OpsEndpointsTest {

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  @Test
  void metricsNeedAToken() throws Exception {
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", TestCredentials.SHOP_TOKEN).statusCode()).as("the shop reads no metrics")
        .isEqualTo(403);

    HttpResponse<String> scraper = get("/actuator/prometheus", TestCredentials.METRICS_TOKEN);
    assertThat(scraper.statusCode()).isEqualTo(200);
    assertThat(scraper.body()).contains("jvm_memory_used_bytes");
    assertThat(get("/actuator/prometheus", TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void aMetricsTokenReadsNothingElse() throws Exception {
    assertThat(get("/api/inbox", TestCredentials.METRICS_TOKEN).statusCode()).isEqualTo(403);
    assertThat(get("/v3/api-docs", TestCredentials.METRICS_TOKEN).statusCode()).isEqualTo(403);
  }

  @Test
  void theApiIsDescribedWithOpenApiForViewers() throws Exception {
    assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(401);
    HttpResponse<String> stranger = get("/swagger-ui.html", null);
    assertThat(stranger.uri().getPath()).as("a page: strangers go to the login").isEqualTo("/login");
    assertThat(stranger.body()).doesNotContain("Swagger UI");

    HttpResponse<String> docs = get("/v3/api-docs", TestCredentials.VIEWER_TOKEN);
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode paths = new ObjectMapper().readTree(docs.body()).path("paths");
    assertThat(paths.has("/api/orders")).isTrue();
    assertThat(paths.has("/api/orders/{orderId}/shipments")).isTrue();
    assertThat(paths.has("/api/webhooks/shopify")).isTrue();
    assertThat(paths.has("/api/inbox/{id}/retry")).isTrue();
    HttpResponse<String> ui = get("/swagger-ui.html", TestCredentials.VIEWER_TOKEN);
    assertThat(ui.statusCode()).isEqualTo(200);
    assertThat(ui.body()).contains("Swagger UI");
  }

  @Test
  void strangersSeeTheOverallHealthOnly() throws Exception {
    HttpResponse<String> anonymous = get("/actuator/health", null);
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("engine", "db", "grpcPort");
    assertThat(get("/actuator/health/readiness", null).statusCode()).as("the load balancer's probe").isEqualTo(200);
    assertThat(get("/actuator/health", TestCredentials.VIEWER_TOKEN).body()).contains("\"engine\"", "grpcPort");
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
    if (token != null) {
      request.header("Authorization", TestCredentials.bearer(token));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
