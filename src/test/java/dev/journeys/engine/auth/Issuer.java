package dev.journeys.engine.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * A stand-in OAuth issuer on loopback: an RSA key generated for the test run, its public JWK set
 * served over HTTP, and tokens signed with it (or, to test refusals, with a stranger's key under the
 * same key id). The two keys are drawn once per test JVM and shared by its issuers: a 2048-bit key
 * pair costs about a second of CPU, and every test of EngineAuthenticationTest starts an issuer.
 */
public final class Issuer implements AutoCloseable {

  public static final String AUDIENCE = "zeebe-api";
  public static final String CLIENT_ID = "journeys-worker";

  /** The issuer's key and a stranger's under the same key id, drawn when the first issuer starts. */
  private static final class Keys {
    static final RSAKey KEY = generate();
    static final RSAKey STRANGER = generate();

    private static RSAKey generate() {
      try {
        return new RSAKeyGenerator(2048).keyID("journeys-test").generate();
      } catch (JOSEException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Drawn for each issuer. */
  private final String clientSecret = java.util.UUID.randomUUID().toString();
  private final RSAKey key = Keys.KEY;
  private final RSAKey stranger = Keys.STRANGER;
  private final HttpServer server;

  public Issuer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext("/certs", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, keys.length);
      exchange.getResponseBody().write(keys);
      exchange.close();
    });
    // client credentials, as camunda.client.auth.method=oidc asks for them: one known client
    server.createContext("/token", exchange -> {
      String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean known = form.contains("client_id=" + CLIENT_ID) && form.contains("client_secret=" + clientSecret)
          && form.contains("grant_type=client_credentials");
      byte[] answer = (known
          ? "{\"access_token\":\"" + valid() + "\",\"token_type\":\"Bearer\",\"expires_in\":300}"
          : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(known ? 200 : 401, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    server.start();
  }

  public String clientSecret() {
    return clientSecret;
  }

  public String tokenUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
  }

  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/journeys";
  }

  public URI jwkSetUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
  }

  public String valid() {
    return token(issuer(), AUDIENCE, Duration.ofMinutes(5), key);
  }

  /** A valid token typed as an OAuth access token (RFC 9068), as some identity providers type them. */
  public String validAccessToken() {
    return token(issuer(), AUDIENCE, Duration.ofMinutes(5), key, new JOSEObjectType("at+jwt"));
  }

  public String expired() {
    return token(issuer(), AUDIENCE, Duration.ofMinutes(-5), key);
  }

  public String fromAnotherIssuer() {
    return token("http://127.0.0.1:1/realms/elsewhere", AUDIENCE, Duration.ofMinutes(5), key);
  }

  public String forAnotherAudience() {
    return token(issuer(), "another-api", Duration.ofMinutes(5), key);
  }

  public String signedByAStranger() {
    return token(issuer(), AUDIENCE, Duration.ofMinutes(5), stranger);
  }

  /** Right claims, but HS256 with a secret anyone could guess: only the issuer's keys may sign. */
  public String signedWithASharedSecret() {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
        .issuer(issuer()).audience(AUDIENCE).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
        .build());
    try {
      jwt.sign(new MACSigner(new byte[32]));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static String token(String issuer, String audience, Duration lifetime, RSAKey signer) {
    return token(issuer, audience, lifetime, signer, JOSEObjectType.JWT);
  }

  private static String token(String issuer, String audience, Duration lifetime, RSAKey signer, JOSEObjectType type) {
    Instant now = Instant.now();
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(issuer).audience(audience).subject("worker-client")
        .issueTime(Date.from(now.minus(Duration.ofMinutes(10))))
        .expirationTime(Date.from(now.plus(lifetime)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).type(type).build(), claims);
    try {
      jwt.sign(new RSASSASigner(signer));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
