package dev.journeys.notify.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OAuth2 access tokens for FCM, from the service account by the JWT bearer grant (RFC 7523): a JWT
 * signed RS256 with the account's key, exchanged at the token URI. Cached until a minute before it
 * expires, so a burst of pushes costs one exchange; {@link #invalidate} drops it after a 401.
 */
class FcmAccessTokens {

  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  private static final Duration MARGIN = Duration.ofMinutes(1);
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private record Cached(String token, Instant expires) {}

  private final ServiceAccount account;
  private final HttpClient http;
  private final Clock clock;
  private final Duration timeout;
  private final ObjectMapper json;
  private volatile Cached cached;

  FcmAccessTokens(ServiceAccount account, HttpClient http, Clock clock, Duration timeout, ObjectMapper json) {
    this.json = json;
    this.account = account;
    this.http = http;
    this.clock = clock;
    this.timeout = timeout;
  }

  synchronized String get() {
    Cached current = cached;
    if (current != null && clock.instant().isBefore(current.expires().minus(MARGIN))) {
      return current.token();
    }
    cached = exchange();
    return cached.token();
  }

  void invalidate() {
    cached = null;
  }

  private Cached exchange() {
    String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
        + "&assertion=" + URLEncoder.encode(assertion(), StandardCharsets.UTF_8);
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(URI.create(account.tokenUri())).timeout(timeout)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PushTransport.Unavailable("Expected the token endpoint to answer, but: " + e, null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PushTransport.Unavailable("Interrupted while fetching an access token", null);
    }
    if (response.statusCode() / 100 != 2) {
      String error = "Expected an access token from " + account.tokenUri() + ", but got HTTP " + response.statusCode();
      // A refused assertion (wrong key, revoked account) will not heal by retrying quickly, but
      // credentials can be fixed while the job retries: treat every failure as temporary.
      throw new PushTransport.Unavailable(error, null);
    }
    try {
      JsonNode body = json.readTree(response.body());
      String token = body.path("access_token").asText("");
      if (token.isEmpty()) {
        throw new PushTransport.Unavailable("Expected access_token in the token endpoint's answer, but it has none", null);
      }
      return new Cached(token, clock.instant().plusSeconds(body.path("expires_in").asLong(3600)));
    } catch (IOException e) {
      throw new PushTransport.Unavailable("Expected JSON from the token endpoint, but: " + e.getMessage(), null);
    }
  }

  /** The signed JWT: header.claims.signature, each base64url without padding. */
  String assertion() {
    long now = clock.instant().getEpochSecond();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", "RS256");
    header.put("typ", "JWT");
    if (account.privateKeyId() != null) {
      header.put("kid", account.privateKeyId());
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", account.clientEmail());
    claims.put("scope", SCOPE);
    claims.put("aud", account.tokenUri());
    claims.put("iat", now);
    claims.put("exp", now + 3600);
    try {
      String signingInput = URL.encodeToString(json.writeValueAsBytes(header)) + "." + URL.encodeToString(json.writeValueAsBytes(claims));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(account.privateKey());
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rsa.sign());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Expected to sign a JWT with the service account's key, but: " + e.getMessage(), e);
    }
  }
}
