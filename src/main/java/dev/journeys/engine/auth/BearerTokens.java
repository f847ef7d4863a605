package dev.journeys.engine.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Set;

/**
 * OAuth bearer tokens (what the Camunda client sends with {@code camunda.client.auth.method=oidc},
 * and Camunda Modeler with OAuth): a JWT signed by a key of the issuer's JWK set, from the configured
 * issuer, for the configured audience, not expired (a minute of clock skew). Nimbus JOSE+JWT does the
 * checking and caches the JWK set, fetching it again when a token names a key it has not seen.
 */
public final class BearerTokens {

  private static final Set<JWSAlgorithm> SIGNATURES = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

  /**
   * @param issuer the exact {@code iss} of accepted tokens
   * @param jwkSetUri where the issuer publishes its signing keys
   * @param audience an {@code aud} every accepted token names
   */
  public BearerTokens(String issuer, URI jwkSetUri, String audience) {
    URL url;
    try {
      url = jwkSetUri.toURL();
    } catch (java.net.MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Expected the JWK set URI to be an http(s) URL, but it is " + jwkSetUri, e);
    }
    JWKSource<SecurityContext> keys = JWKSourceBuilder.<SecurityContext>create(url).retrying(true).build();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(SIGNATURES, keys));
    // access tokens say typ JWT, at+jwt (RFC 9068) or nothing, depending on the identity provider
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(
        JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
        new HashSet<>(Set.of(audience)), // Nimbus asks these contains(null), which Set.of refuses
        new JWTClaimsSet.Builder().issuer(issuer).build(),
        new HashSet<>(Set.of("exp", "iss", "aud")),
        null));
  }

  String authenticate(String token) {
    try {
      JWTClaimsSet claims = processor.process(token, null);
      return claims.getSubject() == null ? "token" : claims.getSubject();
    } catch (ParseException e) {
      throw new Unauthenticated("Expected the bearer token to be a signed JWT, but it is not: " + e.getMessage());
    } catch (BadJOSEException e) {
      throw new Unauthenticated("Expected a bearer token signed by the configured issuer's key, for its audience and "
          + "not expired, but: " + e.getMessage());
    } catch (JOSEException e) {
      throw new Unauthenticated("Expected to check the bearer token against the issuer's JWK set, but: " + e.getMessage());
    }
  }
}
