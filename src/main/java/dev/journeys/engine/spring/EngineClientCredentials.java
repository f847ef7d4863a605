package dev.journeys.engine.spring;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The app's own Camunda client calls its embedded engine over the network like any other client, so
 * once the engine requires authentication the client must send credentials too. Unless
 * camunda.client.auth.method is configured, this gives it Basic credentials of its own: a user the
 * engine accepts besides the configured ones, with a password drawn at start-up and held only in this
 * process. With journeys.engine.tls.* it also dials TLS and trusts the engine's certificate.
 */
public class EngineClientCredentials implements EnvironmentPostProcessor {

  static final String IN_PROCESS_USER = "journeys-in-process";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!"embedded".equals(environment.getProperty("journeys.engine.mode", "embedded"))) {
      return;
    }
    Map<String, Object> derived = new HashMap<>();
    if (authConfigured(environment) && !environment.containsProperty("camunda.client.auth.method")) {
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      derived.put("journeys.engine.auth.in-process-password", password);
      derived.put("camunda.client.auth.method", "basic");
      derived.put("camunda.client.auth.username", IN_PROCESS_USER);
      derived.put("camunda.client.auth.password", password);
    }
    String certificate = environment.getProperty("journeys.engine.tls.certificate");
    if (certificate != null && !certificate.isBlank()) {
      derived.put("journeys.engine.client-scheme", "https");
      if (!environment.containsProperty("camunda.client.ca-certificate-path")) {
        derived.put("camunda.client.ca-certificate-path", certificate);
      }
    }
    if (!derived.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource("journeysEngineClientCredentials", derived));
    }
  }

  private static boolean authConfigured(ConfigurableEnvironment environment) {
    String issuer = environment.getProperty("journeys.engine.auth.oidc.issuer-uri");
    return (issuer != null && !issuer.isBlank())
        || environment.containsProperty("journeys.engine.auth.users[0].username")
        || environment.containsProperty("journeys.engine.auth.users[0].password-hash");
  }
}
