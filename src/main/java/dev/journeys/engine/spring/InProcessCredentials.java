package dev.journeys.engine.spring;

import io.camunda.client.CredentialsProvider;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The app's own Camunda client calls its embedded engine over the network like any other client, so
 * once the engine requires authentication the client must send credentials too. Unless
 * camunda.client.auth.method names a method (basic, oidc), it gets Basic credentials of its own: a user the engine
 * accepts besides the configured ones, with a password drawn at start-up and held only in this process.
 */
final class InProcessCredentials {

  static final String USER = "journeys-in-process";

  private final String password;

  InProcessCredentials() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  String password() {
    return password;
  }

  /** What the starter's own CredentialsProvider would be, had camunda.client.auth.* said basic. */
  CredentialsProvider provider() {
    return CredentialsProvider.newBasicAuthCredentialsProviderBuilder().username(USER).password(password).build();
  }

  /** The engine requires authentication and nobody told the client how to authenticate. */
  static final class Needed implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      var environment = context.getEnvironment();
      // the starter defaults the method to none; any other value is the user's choice
      String method = environment.getProperty("camunda.client.auth.method", "none");
      if (!"none".equalsIgnoreCase(method.trim())) {
        return false;
      }
      return Binder.get(environment).bind("journeys.engine.auth", EngineProperties.Auth.class)
          .map(EngineProperties.Auth::configured).orElse(false);
    }
  }
}
