package dev.journeys.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the embedded engine's own REST extension (Journeys' endpoints under /journeys/v1, beside
 * the Camunda REST API): a GET at the client's REST address with the client's credentials, the answer
 * read as JSON. Used by the dashboard's funnel (FunnelReads) and workers (WorkerReads) reads.
 */
final class EngineExtension {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final CamundaClient client;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  EngineExtension(CamundaClient client, ObjectMapper json) {
    this.client = client;
    this.json = json;
  }

  /**
   * GETs {@code path} (e.g. "/journeys/v1/job-types") from the engine.
   *
   * @throws IOException when it cannot be reached, answers other than 200, or not with JSON
   */
  JsonNode get(String path) throws IOException, InterruptedException {
    var configuration = client.getConfiguration();
    URI uri = configuration.getRestAddress().resolve(path);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
    if (configuration.getCredentialsProvider() != null) {
      configuration.getCredentialsProvider().applyCredentials(request::header);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("the engine answered " + response.statusCode() + " to GET " + path);
    }
    return json.readTree(response.body());
  }
}
