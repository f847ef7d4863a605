package dev.journeys.engine.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** With the engine serving TLS, the app's own client dials https and trusts the engine's certificate. */
class EngineClientTlsTest {

  @Test
  void aCertificateMakesTheClientDialHttpsAndTrustIt() {
    StandardEnvironment environment = environment(Map.of("journeys.engine.tls.certificate", "/etc/journeys/engine.crt"));

    new EngineClientTls().postProcessEnvironment(environment, null);

    assertThat(environment.getProperty("journeys.engine.client-scheme")).isEqualTo("https");
    assertThat(environment.getProperty("camunda.client.ca-certificate-path")).isEqualTo("/etc/journeys/engine.crt");
  }

  @Test
  void aConfiguredTrustIsKept() {
    StandardEnvironment environment = environment(Map.of("journeys.engine.tls.certificate", "/etc/journeys/engine.crt",
        "camunda.client.ca-certificate-path", "/etc/ssl/ca.pem"));

    new EngineClientTls().postProcessEnvironment(environment, null);

    assertThat(environment.getProperty("camunda.client.ca-certificate-path")).isEqualTo("/etc/ssl/ca.pem");
  }

  @Test
  void withoutACertificateOrInCamundaModeNothingChanges() {
    StandardEnvironment plain = environment(Map.of());
    StandardEnvironment camunda = environment(Map.of("journeys.engine.mode", "camunda",
        "journeys.engine.tls.certificate", "/etc/journeys/engine.crt"));

    new EngineClientTls().postProcessEnvironment(plain, null);
    new EngineClientTls().postProcessEnvironment(camunda, null);

    assertThat(plain.getProperty("journeys.engine.client-scheme")).isNull();
    assertThat(camunda.getProperty("journeys.engine.client-scheme")).isNull();
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
