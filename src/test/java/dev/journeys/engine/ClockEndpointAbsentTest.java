package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/** By default nobody can move the engine's time. */
@JourneysAppTest
class ClockEndpointAbsentTest {

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
  void hasNoClockEndpoint() {
    var moved = http.postForEntity("/api/engine/clock", Map.of("advance", "P1D"), String.class);
    assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }
}
