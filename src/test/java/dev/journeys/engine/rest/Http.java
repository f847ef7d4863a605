package dev.journeys.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP against the engine's REST API, for what the Camunda client cannot send (wrong input). */
final class Http {

  /** A response: status, content type and the body as JSON (null when it is not JSON). */
  record Response(int status, String contentType, JsonNode json) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI base;

  Http(URI base) {
    this.base = base;
  }

  Response post(String path, String body) {
    return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Response get(String path) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = type.contains("json") ? JSON.readTree(response.body()) : null;
      return new Response(response.statusCode(), type, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Expected an answer from the engine, but was interrupted", e);
    }
  }
}
