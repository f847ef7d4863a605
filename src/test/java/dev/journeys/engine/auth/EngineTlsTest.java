package dev.journeys.engine.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.EngineHarness;
import dev.journeys.engine.EngineSecurity;
import dev.journeys.engine.EngineSettings;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a certificate and key both ports serve TLS only, so credentials never cross the network in
 * clear: a Camunda client trusting the certificate is served over gRPC and REST, a plaintext one is not.
 */
class EngineTlsTest {

  @TempDir Path directory;
  private SelfSignedCertificate certificate;
  private EmbeddedEngine engine;

  @BeforeEach
  void start() throws Exception {
    certificate = SelfSignedCertificate.in(directory);
    engine = EmbeddedEngine.start(new EngineSettings(
        EngineHarness.h2("jdbc:h2:mem:tls-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "127.0.0.1", 0,
        EngineClock.system(), 256, Duration.ofSeconds(10), 0)
        .withSecurity(new EngineSecurity(
            new EngineAuth(new BasicCredentials(Map.of("worker", "s3cret"::equals)), null),
            new TlsFiles(certificate.certificate(), certificate.privateKey()), Set.of(),
            EngineSecurity.DEFAULT_MAX_REQUEST_BODY)));
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void aClientTrustingTheCertificateIsServedOverGrpcAndRest() {
    try (CamundaClient client = client("https")) {
      assertThat(client.newTopologyRequest().send().join().getClusterSize()).isEqualTo(1);
      assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).isEmpty();
    }
  }

  @Test
  void aPlaintextClientIsNotServed() {
    try (CamundaClient client = client("http")) {
      assertThatThrownBy(() -> client.newTopologyRequest().send().join())
          .isInstanceOf(io.camunda.client.api.command.ClientException.class);
    }
  }

  private CamundaClient client(String scheme) {
    var builder = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create(scheme + "://127.0.0.1:" + engine.port()))
        .restAddress(URI.create(scheme + "://127.0.0.1:" + engine.restPort()))
        .preferRestOverGrpc(false)
        .credentialsProvider(CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
            .username("worker").password("s3cret").build())
        .defaultRequestTimeout(Duration.ofSeconds(5));
    if (scheme.equals("https")) {
      builder.caCertificatePath(certificate.certificate().toString());
    }
    return builder.build();
  }
}
