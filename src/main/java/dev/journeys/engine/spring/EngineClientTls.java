package dev.journeys.engine.spring;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * With journeys.engine.tls.* the embedded engine serves TLS only, so the app's own Camunda client must
 * dial https and trust the engine's certificate: application.yml builds the client's addresses from
 * journeys.engine.client-scheme, set here, and camunda.client.ca-certificate-path defaults to the
 * engine's certificate. (The certificate must name the address the client dials, journeys.engine.host.)
 */
public class EngineClientTls implements EnvironmentPostProcessor {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!"embedded".equals(environment.getProperty("journeys.engine.mode", "embedded"))) {
      return;
    }
    String certificate = environment.getProperty("journeys.engine.tls.certificate");
    if (certificate == null || certificate.isBlank()) {
      return;
    }
    Map<String, Object> derived = new HashMap<>();
    derived.put("journeys.engine.client-scheme", "https");
    if (!environment.containsProperty("camunda.client.ca-certificate-path")) {
      derived.put("camunda.client.ca-certificate-path", certificate);
    }
    environment.getPropertySources().addFirst(new MapPropertySource("journeysEngineClientTls", derived));
  }
}
