package dev.journeys.engine.spring;

import dev.journeys.engine.EngineSecurity;
import dev.journeys.engine.auth.BasicCredentials;
import dev.journeys.engine.auth.BearerTokens;
import dev.journeys.engine.auth.EngineAuth;
import dev.journeys.engine.auth.TlsFiles;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Turns journeys.engine.auth, tls, host-names and max-request-body into the engine's
 * {@link EngineSecurity}, refusing what would expose the engine: a host beyond loopback with nobody
 * required to authenticate. Whenever the engine listens beyond loopback, the log says so.
 */
final class EngineSecurityFactory {

  private static final Logger log = LoggerFactory.getLogger(EngineSecurityFactory.class);

  private EngineSecurityFactory() {}

  static EngineSecurity from(EngineProperties properties) {
    return from(properties, null);
  }

  /** @param inProcess the app's own client's credentials, accepted besides the configured ones; may be null */
  static EngineSecurity from(EngineProperties properties, InProcessCredentials inProcess) {
    EngineProperties.Auth auth = properties.auth();
    boolean loopback = isLoopback(properties.host());
    if (!loopback && !auth.configured()) {
      throw new EngineExposedException("Expected authentication on the embedded engine (journeys.engine.auth.*) "
          + "since journeys.engine.host is " + properties.host() + ", beyond loopback, but none is configured: "
          + "anyone reaching ports " + properties.port() + " (gRPC) and " + properties.restPort() + " (REST) could "
          + "deploy, start and cancel journeys and read their variables");
    }
    if (!loopback) {
      log.warn("The embedded engine listens beyond loopback on {} (gRPC {}, REST {}): callers must authenticate{}. "
          + "Expose these ports only to the machines that run workers or Camunda Modeler (docs/SECURITY.md).",
          properties.host(), properties.port(), properties.restPort(),
          properties.tls().configured() ? "" : ", and without journeys.engine.tls.* their credentials cross the "
              + "network in clear");
    }
    TlsFiles tls = tls(properties.tls());
    return new EngineSecurity(engineAuth(auth, inProcess), tls, new HashSet<>(properties.hostNames()),
        properties.maxRequestBody().toBytes());
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static EngineAuth engineAuth(EngineProperties.Auth auth, InProcessCredentials inProcess) {
    if (!auth.configured()) {
      return EngineAuth.OFF;
    }
    Map<String, Predicate<String>> users = new LinkedHashMap<>();
    BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();
    for (EngineProperties.User user : auth.users()) {
      String where = "journeys.engine.auth.users[" + user.username() + "]";
      if (user.username() == null || user.username().isBlank() || user.username().contains(":")) {
        throw new IllegalArgumentException("Expected every journeys.engine.auth.users entry to have a username "
            + "without ':', but one has none or a ':'");
      }
      if (user.passwordHash() == null || !user.passwordHash().matches("\\$2[aby]?\\$\\d\\d\\$.{53}")) {
        throw new IllegalArgumentException("Expected " + where + ".password-hash to be a bcrypt hash, e.g. from "
            + "htpasswd -nbBC 12 \"\" 'password', but it is not");
      }
      String hash = user.passwordHash();
      users.put(user.username(), password -> bcrypt.matches(password, hash));
    }
    if (inProcess != null) {
      byte[] expected = inProcess.password().getBytes(StandardCharsets.UTF_8);
      users.put(InProcessCredentials.USER,
          password -> MessageDigest.isEqual(expected, password.getBytes(StandardCharsets.UTF_8)));
    }
    return new EngineAuth(users.isEmpty() ? null : new BasicCredentials(users), bearer(auth.oidc()));
  }

  private static BearerTokens bearer(EngineProperties.Oidc oidc) {
    if (!oidc.configured()) {
      return null;
    }
    if (oidc.jwkSetUri() == null || oidc.audience() == null || oidc.audience().isBlank()) {
      throw new IllegalArgumentException("Expected journeys.engine.auth.oidc.jwk-set-uri and audience beside "
          + "issuer-uri (tokens are checked for signature, issuer, audience and expiry), but "
          + (oidc.jwkSetUri() == null ? "jwk-set-uri" : "audience") + " is missing");
    }
    return new BearerTokens(oidc.issuerUri(), oidc.jwkSetUri(), oidc.audience());
  }

  private static TlsFiles tls(EngineProperties.Tls tls) {
    if (!tls.configured()) {
      return null;
    }
    if (tls.certificate() == null || tls.privateKey() == null) {
      throw new IllegalArgumentException("Expected both journeys.engine.tls.certificate and private-key, but "
          + (tls.certificate() == null ? "certificate" : "private-key") + " is missing");
    }
    TlsFiles files = new TlsFiles(tls.certificate(), tls.privateKey());
    files.sslContext(); // a wrong path or format fails start-up here, naming the files
    return files;
  }
}
