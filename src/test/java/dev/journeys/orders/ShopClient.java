package dev.journeys.orders;

import dev.journeys.TestCredentials;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The shop's side of the HTTP API. Uses the JDK's HTTP client on purpose: Apache HttpClient (on
 * the classpath for the Camunda client) silently retries a 503 with Retry-After, which would hide
 * the very answers these tests check.
 */
public final class ShopClient {

  private static final ParameterizedTypeReference<Map<String, Object>> OBJECT =
      new ParameterizedTypeReference<>() {};
  private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
      new ParameterizedTypeReference<>() {};

  private final RestClient http;

  public ShopClient(int port) {
    this.http =
        RestClient.builder()
            .baseUrl("http://127.0.0.1:" + port)
            // one admin token (role admin includes shop and viewer): these tests post orders and read the inbox
            .defaultHeader(HttpHeaders.AUTHORIZATION, TestCredentials.bearer(TestCredentials.ADMIN_TOKEN))
            .requestFactory(new JdkClientHttpRequestFactory())
            .build();
  }

  public ResponseEntity<Map<String, Object>> postOrder(String json) {
    return post(json, MediaType.APPLICATION_JSON);
  }

  public ResponseEntity<Map<String, Object>> post(String body, MediaType contentType) {
    return http.post()
        .uri("/api/orders")
        .contentType(contentType)
        .body(body)
        .retrieve()
        .onStatus(status -> true, (request, response) -> {})
        .toEntity(OBJECT);
  }

  public ResponseEntity<Map<String, Object>> post(String path, String json) {
    return http.post()
        .uri(path)
        .contentType(MediaType.APPLICATION_JSON)
        .body(json)
        .retrieve()
        .onStatus(status -> true, (request, response) -> {})
        .toEntity(OBJECT);
  }

  public ResponseEntity<Map<String, Object>> post(String path, MediaType contentType, String body) {
    return http.post()
        .uri(path)
        .contentType(contentType)
        .body(body)
        .retrieve()
        .onStatus(status -> true, (request, response) -> {})
        .toEntity(OBJECT);
  }

  public ResponseEntity<Map<String, Object>> get(String path) {
    return http.get().uri(path).retrieve().onStatus(status -> true, (request, response) -> {}).toEntity(OBJECT);
  }

  public List<Map<String, Object>> getList(String path) {
    return http.get().uri(path).retrieve().body(LIST);
  }

  public List<Map<String, Object>> sandboxMessages() {
    return http.get().uri("/api/sandbox/messages?limit=500").retrieve().body(LIST);
  }
}
