package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** Without an SMTP server or SMS account, both ways out are the sandbox, and that is healthy. */
@JourneysAppTest
class SandboxHealthTest {

  @LocalServerPort int port;
  @Autowired Map<String, HealthIndicator> indicators;

  @Test
  void theSandboxesAreUpWithModeSandbox() {
    assertThat(indicators.get("smtpHealthIndicator").health().getStatus()).isEqualTo(Status.UP);
    assertThat(indicators.get("smtpHealthIndicator").health().getDetails()).containsEntry("mode", "sandbox");
    assertThat(indicators.get("smsHealthIndicator").health().getDetails()).containsEntry("mode", "sandbox");
    // Without a login only the overall status shows (for a load balancer); a viewer sees each part.
    String anonymous = RestClient.create().get().uri("http://127.0.0.1:" + port + "/actuator/health").retrieve()
        .body(String.class);
    assertThat(anonymous).contains("\"status\":\"UP\"").doesNotContain("smtp", "sms", "engine");
    String viewer = RestClient.create().get().uri("http://127.0.0.1:" + port + "/actuator/health")
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).retrieve().body(String.class);
    assertThat(viewer).contains("\"smtp\":{\"status\":\"UP\"", "\"sms\":{\"status\":\"UP\"",
        "\"engine\":{\"status\":\"UP\"");
  }
}
