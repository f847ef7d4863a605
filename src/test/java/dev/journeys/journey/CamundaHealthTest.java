package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.EngineHarness;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The engine's health in camunda mode is the cluster's topology, asked through the Camunda client:
 * UP against a gateway that answers (the embedded engine stands in for a cluster here), DOWN where
 * nothing listens.
 */
class CamundaHealthTest {

  @Test
  void upWhileTheGatewayAnswersItsTopology() {
    try (EngineHarness engine = EngineHarness.inMemory()) {
      Health health = new CamundaHealth(engine.client()).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("mode", "camunda").containsEntry("brokers", 1);
    }
  }

  @Test
  void downWhereNothingAnswersNamingTheAddress() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    try (CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + closed)).preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(2)).build()) {
      Health health = new CamundaHealth(client).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails().get("address")).isEqualTo("http://127.0.0.1:" + closed + " (gRPC)");
      assertThat(String.valueOf(health.getDetails().get("error"))).isNotBlank();
    }
  }
}
