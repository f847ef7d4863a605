package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;

/** Without an SMTP server or provider accounts, every channel goes to its sandbox, and that is healthy. */
@JourneysAppTest
class SandboxHealthTest {

  @LocalServerPort int port;
  @Autowired Channels channels;

  @Test
  void theSandboxesAreUpWithModeSandbox() {
    for (MessageChannel channel : channels.all()) {
      assertThat(channel.health().getStatus()).as(channel.channel().key()).isEqualTo(Status.UP);
      assertThat(channel.health().getDetails()).as(channel.channel().key()).containsEntry("mode", "sandbox");
    }
    // Without a login only the overall status shows (for a load balancer); a viewer sees each part.
    String anonymous = RestClient.create().get().uri("http://127.0.0.1:" + port + "/actuator/health").retrieve()
        .body(String.class);
    assertThat(anonymous).contains("\"status\":\"UP\"").doesNotContain("email", "sms", "engine");
    String viewer = RestClient.create().get().uri("http://127.0.0.1:" + port + "/actuator/health")
        .header("Authorization", TestCredentials.bearer(TestCredentials.VIEWER_TOKEN)).retrieve().body(String.class);
    assertThat(viewer).contains("\"email\":{\"status\":\"UP\"", "\"sms\":{\"status\":\"UP\"",
        "\"push\":{\"status\":\"UP\"", "\"engine\":{\"status\":\"UP\"");
  }
}
