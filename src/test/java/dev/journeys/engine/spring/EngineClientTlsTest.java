package dev.journeys.engine.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.spring.properties.CamundaClientProperties;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** With the engine serving TLS, the app's own client dials https and trusts the engine's certificate. */
class EngineClientTlsTest {

  @Test
  void aCertificateMakesTheClientDialHttpsAndTrustIt() {
    CamundaClientProperties client = client();

    tls("/etc/journeys/engine.crt").postProcessAfterInitialization(client, "camundaClientProperties");

    assertThat(client.getGrpcAddress()).isEqualTo(URI.create("https://127.0.0.1:26500"));
    assertThat(client.getRestAddress()).isEqualTo(URI.create("https://127.0.0.1:8088"));
    assertThat(client.getCaCertificatePath()).isEqualTo("/etc/journeys/engine.crt");
  }

  @Test
  void aConfiguredTrustIsKept() {
    CamundaClientProperties client = client();
    client.setCaCertificatePath("/etc/ssl/ca.pem");

    tls("/etc/journeys/engine.crt").postProcessAfterInitialization(client, "camundaClientProperties");

    assertThat(client.getCaCertificatePath()).isEqualTo("/etc/ssl/ca.pem");
  }

  @Test
  void withoutACertificateNothingChanges() {
    CamundaClientProperties client = client();

    tls("").postProcessAfterInitialization(client, "camundaClientProperties");

    assertThat(client.getGrpcAddress().getScheme()).isEqualTo("http");
    assertThat(client.getCaCertificatePath()).isNull();
  }

  private static EngineClientTls tls(String certificate) {
    return new EngineClientTls(new MockEnvironment().withProperty("journeys.engine.tls.certificate", certificate));
  }

  private static CamundaClientProperties client() {
    CamundaClientProperties client = new CamundaClientProperties();
    client.setGrpcAddress(URI.create("http://127.0.0.1:26500"));
    client.setRestAddress(URI.create("http://127.0.0.1:8088"));
    return client;
  }
}
