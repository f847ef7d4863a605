package dev.journeys.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.journeys.JourneysApplication;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The dev profile's admin login must never face the network: with it active, start-up stops unless
 * every listener is on loopback, and the profile's own file keeps the HTTP port there.
 */
class DevProfileGuardTest {

  private final DevProfileGuard guard = new DevProfileGuard();

  @Test
  void theDevProfileOnEveryInterfaceIsRefusedBeforeAnyPortIsBound() {
    Throwable failure = catchThrowable(() -> new SpringApplication(JourneysApplication.class).run(
        "--spring.profiles.active=dev", "--server.address=0.0.0.0", "--spring.main.web-application-type=none"));

    assertThat(failure).isInstanceOf(DevProfileExposedException.class)
        .hasMessageContaining("server.address is 0.0.0.0").hasMessageContaining("dev/dev");
  }

  @Test
  void anUnsetServerAddressMeansEveryInterface() {
    assertThatThrownBy(() -> guard.postProcessEnvironment(dev(Map.of()), null))
        .hasMessageContaining("server.address is unset (every interface)");
  }

  @Test
  void anEngineBeyondLoopbackIsRefusedToo() {
    assertThatThrownBy(() -> guard.postProcessEnvironment(
        dev(Map.of("server.address", "127.0.0.1", "journeys.engine.host", "0.0.0.0")), null))
        .hasMessageContaining("journeys.engine.host is 0.0.0.0");
  }

  @Test
  void aSeparateManagementPortMustBeOnLoopback() {
    assertThatThrownBy(() -> guard.postProcessEnvironment(
        dev(Map.of("server.address", "127.0.0.1", "management.server.port", "9090")), null))
        .hasMessageContaining("management.server.address is unset");
  }

  @Test
  void theDevProfilesOwnSettingsPass() throws IOException {
    StandardEnvironment environment = dev(Map.of());
    new YamlPropertySourceLoader().load("application-dev", new ClassPathResource("application-dev.yml"))
        .forEach(environment.getPropertySources()::addFirst);

    guard.postProcessEnvironment(environment, null);

    assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
  }

  @Test
  void withoutTheDevProfileNothingIsChecked() {
    guard.postProcessEnvironment(new StandardEnvironment(), null);
  }

  @Test
  void theReportSaysWhatToDo() {
    var analysis = new DevProfileExposedFailureAnalyzer().analyze(new DevProfileExposedException("exposed"));

    assertThat(analysis.getAction()).contains("SPRING_PROFILES_ACTIVE", "journeys.security.users");
  }

  private static StandardEnvironment dev(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.setActiveProfiles("dev");
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
