package dev.journeys.engine.auth;

import java.util.Locale;

/**
 * Who may call the engine's ports: the credentials the Camunda client and Camunda Modeler send to a
 * self-managed cluster, in the {@code authorization} gRPC metadata or HTTP header: {@code Basic} (a
 * configured user) or {@code Bearer} (an OAuth access token from the configured issuer). {@link #OFF}
 * lets every caller through: only for an engine that listens on loopback.
 */
public final class EngineAuth {

  /** No authentication: every caller is accepted. */
  public static final EngineAuth OFF = new EngineAuth(null, null);

  private static final String BASIC = "basic ";
  private static final String BEARER = "bearer ";

  private final BasicCredentials basic;
  private final BearerTokens bearer;

  /** Either may be null (that scheme is refused); both null is {@link #OFF}. */
  public EngineAuth(BasicCredentials basic, BearerTokens bearer) {
    this.basic = basic;
    this.bearer = bearer;
  }

  public boolean enabled() {
    return basic != null || bearer != null;
  }

  /**
   * The caller named by {@code authorization} (the header's value, null when absent).
   *
   * @throws Unauthenticated when authentication is on and the credentials are missing or wrong
   */
  public String authenticate(String authorization) {
    if (!enabled()) {
      return "anonymous";
    }
    if (authorization == null || authorization.isBlank()) {
      throw new Unauthenticated("Expected credentials in the authorization header (" + schemes()
          + "), but the call carries none; configure the client's camunda.client.auth.*");
    }
    String lower = authorization.toLowerCase(Locale.ROOT);
    if (lower.startsWith(BASIC)) {
      if (basic == null) {
        throw new Unauthenticated("Expected " + schemes() + " credentials, but the call sends Basic, "
            + "which this engine does not accept");
      }
      return basic.authenticate(authorization.substring(BASIC.length()).trim());
    }
    if (lower.startsWith(BEARER)) {
      if (bearer == null) {
        throw new Unauthenticated("Expected " + schemes() + " credentials, but the call sends a Bearer token, "
            + "which this engine does not accept");
      }
      return bearer.authenticate(authorization.substring(BEARER.length()).trim());
    }
    throw new Unauthenticated("Expected the authorization header to start with " + schemes()
        + ", but it names another scheme");
  }

  /** What a 401 offers in WWW-Authenticate. */
  public String challenge() {
    if (basic != null && bearer != null) {
      return "Basic realm=\"journeys-engine\", Bearer";
    }
    return basic != null ? "Basic realm=\"journeys-engine\"" : "Bearer";
  }

  private String schemes() {
    if (basic != null && bearer != null) {
      return "Basic or Bearer";
    }
    return basic != null ? "Basic" : "Bearer";
  }
}
