package dev.journeys.scenarios;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The engine's clock over HTTP (GET/POST /api/engine/clock, present with
 * journeys.engine.clock=controlled). It starts at the real now and only moves when told to; every
 * scenario of the class shares it, so scenarios date their orders from {@link #now()}.
 */
public final class EngineClockApi {

  /**
   * Just past journeys.notify.news-settle (1m): a message with news that a second report may
   * complete (a carrier problem without a date) waits that long after the news, on this clock.
   */
  public static final Duration NEWS_SETTLE = Duration.ofMinutes(1).plusSeconds(1);

  private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};

  private final RestClient http;

  public EngineClockApi(int port) {
    this.http = RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/engine/clock")
        .defaultHeader(org.springframework.http.HttpHeaders.AUTHORIZATION,
            dev.journeys.TestCredentials.bearer(dev.journeys.TestCredentials.ADMIN_TOKEN))
        .requestFactory(new JdkClientHttpRequestFactory()).build();
  }

  public Instant now() {
    return Instant.parse(http.get().retrieve().body(OBJECT).get("now").toString());
  }

  public Instant advance(Duration duration) {
    return change(Map.of("advance", duration.toString()));
  }

  public Instant moveTo(Instant instant) {
    return change(Map.of("to", instant.toString()));
  }

  private Instant change(Map<String, String> body) {
    return Instant.parse(http.post().contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
        .body(OBJECT).get("now").toString());
  }
}
