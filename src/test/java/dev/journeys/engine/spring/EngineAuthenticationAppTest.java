package dev.journeys.engine.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.JourneysAppTest;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The app's own Camunda client configured the way it would be for a self-managed cluster with Basic
 * authentication (camunda.client.auth.method=basic, username, password), against an embedded engine
 * that requires it: the app starts, deploys and is served; a client without credentials is
 * UNAUTHENTICATED. This is how an app instance in camunda mode reaches another instance's engine.
 */
@JourneysAppTest
class EngineAuthenticationAppTest {

  static final String PASSWORD = UUID.randomUUID().toString();

  @DynamicPropertySource
  static void auth(DynamicPropertyRegistry registry) {
    registry.add("journeys.engine.auth.users[0].username", () -> "worker");
    registry.add("journeys.engine.auth.users[0].password-hash", () -> new BCryptPasswordEncoder(4).encode(PASSWORD));
    registry.add("camunda.client.auth.method", () -> "basic");
    registry.add("camunda.client.auth.username", () -> "worker");
    registry.add("camunda.client.auth.password", () -> PASSWORD);
  }

  @Autowired CamundaClient client;
  @Value("${journeys.engine.port}") int grpcPort;

  @Test
  void theConfiguredClientIsServedAndDeployedTheJourneys() {
    assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
    assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).isNotEmpty();
  }

  @Test
  void aClientWithoutCredentialsIsUnauthenticated() {
    try (CamundaClient stranger = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort)).preferRestOverGrpc(false)
        .defaultRequestTimeout(Duration.ofSeconds(10)).build()) {
      assertThatThrownBy(() -> stranger.newTopologyRequest().send().join())
          .isInstanceOfSatisfying(ClientStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
  }

  @Test
  void aClientWithAWrongPasswordIsUnauthenticated() {
    try (CamundaClient stranger = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort)).preferRestOverGrpc(false)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username("worker").password("guess").build())
        .defaultRequestTimeout(Duration.ofSeconds(10)).build()) {
      assertThatThrownBy(() -> stranger.newTopologyRequest().send().join())
          .isInstanceOfSatisfying(ClientStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
  }
}
