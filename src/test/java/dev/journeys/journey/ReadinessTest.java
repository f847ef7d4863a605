package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/**
 * Health says UP only once the app accepts traffic, i.e. after the journeys were deployed by the
 * start-up runner: a shop or a test waiting for it sends no order the engine cannot start yet.
 */
@JourneysAppTest
class ReadinessTest {

  @LocalServerPort int port;
  @Autowired ApplicationAvailability availability;

  @Test
  void healthIncludesReadinessAndTheProbesAnswer() {
    RestClient http = RestClient.create("http://127.0.0.1:" + port);

    assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
    assertThat(http.get().uri("/actuator/health")
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).retrieve().body(String.class))
        .contains("\"readinessState\":{\"status\":\"UP\"}");
    assertThat(http.get().uri("/actuator/health/readiness").retrieve().toBodilessEntity().getStatusCode().value())
        .isEqualTo(200);
    assertThat(http.get().uri("/actuator/health/readiness")
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).retrieve().body(String.class))
        .as("ready means deployed and the engine answering").contains("\"readinessState\":{\"status\":\"UP\"}")
        .contains("\"engine\":{\"status\":\"UP\"");
    assertThat(http.get().uri("/actuator/health/liveness").retrieve().toBodilessEntity().getStatusCode().value())
        .isEqualTo(200);
  }
}
