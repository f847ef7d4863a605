package dev.journeys.engine.spring;

import dev.journeys.engine.EngineSecurity;
import dev.journeys.engine.EngineSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the embedded engine ({@code journeys.engine.*}).
 *
 * @param mode embedded (this engine) or camunda (a Camunda 8 cluster via camunda.client.*)
 * @param host address the gRPC gateway and the REST port bind to; anything but loopback requires {@code auth}
 * @param port gRPC port; 0 picks a free one at start-up
 * @param clock system, or controlled (time moves only when told; for tests and simulation)
 * @param maxBatchSize commands applied per database transaction
 * @param longPollTimeout how long ActivateJobs waits for jobs when the request sets no timeout
 * @param restPort port of the engine's Camunda REST v2 subset (camunda.client.rest-address); 0 picks a free one
 * @param clockStart where a controlled clock starts (default: now); simulations start at their scenario's date
 * @param leaseDuration how long the writer lease outlives its last renewal (default 5s): a killed
 *     engine's lease lapses after it, and a second engine on the same database is refused
 * @param auth who may call both ports (none configured: everyone, allowed only on loopback)
 * @param tls the certificate and key both ports serve TLS with (none: plaintext)
 * @param hostNames names, besides loopback names, IP addresses and {@code host}, that REST requests may
 *     carry in their Host header (the name clients reach the engine by, e.g. engine.internal)
 * @param maxRequestBody the largest REST request body accepted (default 1MB); larger ones get 413
 * @param feelEvaluationTimeout how long one FEEL evaluation may run (default 1s); past it the
 *     evaluation fails with an incident where the expression sits, and the engine goes on
 */
@ConfigurationProperties("journeys.engine")
public record EngineProperties(
    String mode, String host, int port, String clock, Integer maxBatchSize, Duration longPollTimeout,
    Integer restPort, Instant clockStart, Duration leaseDuration, @DefaultValue Auth auth, @DefaultValue Tls tls,
    List<String> hostNames, DataSize maxRequestBody, Duration feelEvaluationTimeout) {

  public EngineProperties {
    mode = mode == null ? "embedded" : mode;
    host = host == null ? "127.0.0.1" : host;
    clock = clock == null ? "system" : clock;
    maxBatchSize = maxBatchSize == null ? 256 : maxBatchSize;
    longPollTimeout = longPollTimeout == null ? Duration.ofSeconds(10) : longPollTimeout;
    restPort = restPort == null ? 8088 : restPort;
    leaseDuration = leaseDuration == null ? EngineSettings.DEFAULT_LEASE_DURATION : leaseDuration;
    feelEvaluationTimeout = feelEvaluationTimeout == null
        ? EngineSettings.DEFAULT_FEEL_EVALUATION_TIMEOUT : feelEvaluationTimeout;
    hostNames = hostNames == null ? List.of() : List.copyOf(hostNames);
    maxRequestBody = maxRequestBody == null ? DataSize.ofBytes(EngineSecurity.DEFAULT_MAX_REQUEST_BODY) : maxRequestBody;
  }

  /**
   * @param users Basic-authentication users (what camunda.client.auth.method=basic sends)
   * @param oidc OAuth bearer tokens (what camunda.client.auth.method=oidc and Camunda Modeler's OAuth send)
   */
  public record Auth(List<User> users, @DefaultValue Oidc oidc) {

    public Auth {
      users = users == null ? List.of() : List.copyOf(users);
    }

    /** Whether any caller must authenticate. */
    public boolean configured() {
      return !users.isEmpty() || oidc.configured();
    }
  }

  /**
   * @param username the name the client sends (camunda.client.auth.username)
   * @param passwordHash a bcrypt hash of its password, e.g. from {@code htpasswd -nbBC 12 "" 'password'}
   */
  public record User(String username, String passwordHash) {}

  /**
   * @param issuerUri the exact {@code iss} of accepted tokens (e.g. a Keycloak realm's URL)
   * @param jwkSetUri where the issuer publishes its signing keys (Keycloak: {issuer}/protocol/openid-connect/certs)
   * @param audience an {@code aud} every accepted token must name (camunda.client.auth.audience)
   */
  public record Oidc(String issuerUri, URI jwkSetUri, String audience) {

    public boolean configured() {
      return issuerUri != null && !issuerUri.isBlank();
    }
  }

  /**
   * @param certificate PEM certificate chain
   * @param privateKey its unencrypted PKCS#8 PEM key
   */
  public record Tls(Path certificate, Path privateKey) {

    public Tls {
      // an empty value (--journeys.engine.tls.certificate=, as the simulator passes) means none
      certificate = certificate == null || certificate.toString().isBlank() ? null : certificate;
      privateKey = privateKey == null || privateKey.toString().isBlank() ? null : privateKey;
    }

    boolean configured() {
      return certificate != null || privateKey != null;
    }
  }
}
