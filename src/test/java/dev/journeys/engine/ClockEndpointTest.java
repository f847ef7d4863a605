package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.TestPropertySource;

/** With journeys.engine.clock=controlled the engine clock can be moved over HTTP, forward only. */
@JourneysAppTest
@TestPropertySource(properties = "journeys.engine.clock=controlled")
class ClockEndpointTest {

  TestRestTemplate http;

  @Autowired
  void authenticate(TestRestTemplate template) {
    // moving the engine's clock is an admin's action
    http = template;
    http.getRestTemplate().getInterceptors().removeIf(i -> true);
    http.getRestTemplate().getInterceptors().add((request, body, execution) -> {
      request.getHeaders().setBearerAuth(dev.journeys.TestCredentials.ADMIN_TOKEN);
      return execution.execute(request, body);
    });
  }

  @Test
  void advancesTheEngineClock() {
    Instant before = Instant.parse(http.getForObject("/api/engine/clock", Map.class).get("now").toString());
    var moved = http.postForEntity("/api/engine/clock", Map.of("advance", "P1D"), Map.class);
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
    Instant after = Instant.parse(moved.getBody().get("now").toString());
    assertThat(Duration.between(before, after)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void refusesToGoBackOrAmbiguousChanges() {
    var back = http.postForEntity("/api/engine/clock", Map.of("advance", "-PT1H"), String.class);
    assertThat(back.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    var neither = http.postForEntity("/api/engine/clock", Map.of(), String.class);
    assertThat(neither.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
  }
}
