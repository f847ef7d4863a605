package dev.journeys.engine.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import dev.journeys.engine.auth.SelfSignedCertificate;
import io.camunda.client.CamundaClient;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app with its engine serving TLS and requiring authentication: nothing else configured,
 * its own client dials https, trusts the engine's certificate and sends its own credentials, over
 * gRPC and REST alike.
 */
@JourneysAppTest
class EngineTlsAppTest {

  @DynamicPropertySource
  static void tls(DynamicPropertyRegistry registry) throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.in(Files.createTempDirectory("journeys-tls"));
    registry.add("journeys.engine.tls.certificate", () -> certificate.certificate().toString());
    registry.add("journeys.engine.tls.private-key", () -> certificate.privateKey().toString());
    registry.add("journeys.engine.auth.users[0].username", () -> "modeler");
    registry.add("journeys.engine.auth.users[0].password-hash", () -> "$2a$04$" + "A".repeat(53));
  }

  @Autowired CamundaClient client;

  @Test
  void theAppsOwnClientIsServedOverTls() {
    assertThat(client.getConfiguration().getGrpcAddress().getScheme()).isEqualTo("https");
    assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
    assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).isNotEmpty();
  }
}
