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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Turning on the engine's authentication needs nothing else: the app's own client gets credentials of
 * its own (InProcessCredentials) and keeps working, while the same user name with any other
 * password is refused.
 */
@JourneysAppTest
class EngineInProcessCredentialsTest {

  @DynamicPropertySource
  static void auth(DynamicPropertyRegistry registry) {
    registry.add("journeys.engine.auth.users[0].username", () -> "modeler");
    // bcrypt of a password nobody knows: only the in-process credentials can pass here
    registry.add("journeys.engine.auth.users[0].password-hash",
        () -> "$2a$04$" + "A".repeat(53));
  }

  @Autowired CamundaClient client;
  @Value("${journeys.engine.port}") int grpcPort;

  @Test
  void theAppsOwnClientIsServed() {
    assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
    assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).isNotEmpty();
  }

  @Test
  void theInProcessUserWithAGuessedPasswordIsUnauthenticated() {
    try (CamundaClient stranger = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + grpcPort)).preferRestOverGrpc(false)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username(InProcessCredentials.USER).password("guess").build())
        .defaultRequestTimeout(Duration.ofSeconds(10)).build()) {
      assertThatThrownBy(() -> stranger.newTopologyRequest().send().join())
          .isInstanceOfSatisfying(ClientStatusException.class,
              e -> assertThat(e.getStatusCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
  }
}
