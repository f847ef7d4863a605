package dev.journeys.engine.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.journeys.JourneysApplication;
import java.util.UUID;
import org.springframework.boot.SpringApplication;

import dev.journeys.engine.EngineSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * An engine beyond loopback without authentication is refused at start-up with the way out; with
 * authentication it starts and says loudly that it listens beyond loopback; on loopback nothing changes.
 */
@ExtendWith(OutputCaptureExtension.class)
class EngineExposureTest {

  private static final EngineProperties.Auth NO_AUTH = new EngineProperties.Auth(List.of(),
      new EngineProperties.Oidc(null, null, null));

  @Test
  void anEngineOnEveryInterfaceWithoutAuthenticationIsRefused() {
    assertThatThrownBy(() -> EngineSecurityFactory.from(properties("0.0.0.0", NO_AUTH)))
        .isInstanceOf(EngineExposedException.class)
        .hasMessageContaining("journeys.engine.host is 0.0.0.0, beyond loopback")
        .hasMessageContaining("journeys.engine.auth");
  }

  @Test
  void theAppOnEveryInterfaceWithoutAuthenticationDoesNotStart() {
    Throwable failure = catchThrowable(() -> new SpringApplication(JourneysApplication.class).run(
        "--journeys.engine.host=0.0.0.0", "--journeys.engine.port=0", "--spring.main.web-application-type=none",
        "--spring.datasource.url=jdbc:h2:mem:exposed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));

    assertThat(failure).hasRootCauseInstanceOf(EngineExposedException.class)
        .rootCause().hasMessageContaining("journeys.engine.host is 0.0.0.0");
  }

  @Test
  void theReportSaysHowToConfigureAuthentication() {
    var analysis = new EngineExposedFailureAnalyzer().analyze(new EngineExposedException("exposed"));

    assertThat(analysis.getAction()).contains("journeys.engine.auth.users", "journeys.engine.auth.oidc.issuer-uri",
        "journeys.engine.tls.certificate");
  }

  @Test
  void withAuthenticationItStartsAndWarns(CapturedOutput output) {
    EngineProperties.Auth auth = new EngineProperties.Auth(
        List.of(new EngineProperties.User("worker", new BCryptPasswordEncoder(4).encode("s3cret"))),
        new EngineProperties.Oidc(null, null, null));

    EngineSecurity security = EngineSecurityFactory.from(properties("0.0.0.0", auth));

    assertThat(security.auth().enabled()).isTrue();
    assertThat(output).contains("listens beyond loopback on 0.0.0.0", "credentials cross the network in clear");
  }

  @Test
  void onLoopbackAuthenticationStaysOffAndNothingIsSaid(CapturedOutput output) {
    EngineSecurity security = EngineSecurityFactory.from(properties("127.0.0.1", NO_AUTH));

    assertThat(security.auth().enabled()).isFalse();
    assertThat(output).doesNotContain("beyond loopback");
  }

  @Test
  void aPlainPasswordInsteadOfAHashIsRefused() {
    EngineProperties.Auth auth = new EngineProperties.Auth(List.of(new EngineProperties.User("worker", "s3cret")),
        new EngineProperties.Oidc(null, null, null));

    assertThatThrownBy(() -> EngineSecurityFactory.from(properties("127.0.0.1", auth)))
        .hasMessageContaining("journeys.engine.auth.users[worker].password-hash to be a bcrypt hash");
  }

  @Test
  void anEmptyCertificateSettingMeansNoTls() {
    // what the simulator passes to its own loopback engine, whatever the real one serves
    EngineProperties bound = new org.springframework.boot.context.properties.bind.Binder(
        new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(java.util.Map.of(
            "journeys.engine.tls.certificate", "", "journeys.engine.tls.private-key", "")))
        .bindOrCreate("journeys.engine", EngineProperties.class);

    assertThat(bound.tls().configured()).isFalse();
    assertThat(EngineSecurityFactory.from(bound).tls()).isNull();
  }

  private static EngineProperties properties(String host, EngineProperties.Auth auth) {
    return new EngineProperties("embedded", host, 26500, null, null, null, null, null, null, auth,
        new EngineProperties.Tls(null, null), null, null, null);
  }
}
