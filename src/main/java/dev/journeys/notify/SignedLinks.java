package dev.journeys.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Links customers click in messages (unsubscribe, feedback), carrying a token that proves we made
 * them: {@code base64url(purpose, fields) "." base64url(HMAC-SHA256)}. The purpose is signed too,
 * so a token made for one use (a rating) is useless for another (an unsubscribe). Tokens do not
 * expire: an unsubscribe link must work as long as the email exists.
 */
@Component
public class SignedLinks {

  private static final String ALGORITHM = "HmacSHA256";
  private static final String SEPARATOR = "\n";
  private static final int SIGNATURE_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SigningSecret secret;
  private final String baseUrl;

  SignedLinks(SigningSecret secret, SiteProperties site) {
    this.secret = secret;
    this.baseUrl = site.publicBaseUrl();
  }

  /** The public URL of a path of this app, such as /api/feedback/summary. */
  public String url(String path) {
    return baseUrl + path;
  }

  /** The public URL {@code path + token}, e.g. link("/api/feedback/", "feedback", "1001", "5"). */
  public String link(String path, String purpose, String... fields) {
    return url(path + sign(purpose, fields));
  }

  public String sign(String purpose, String... fields) {
    for (String field : fields) {
      if (field.contains(SEPARATOR)) {
        throw new IllegalArgumentException("Expected a field without line breaks, but got one");
      }
    }
    byte[] payload = (purpose + SEPARATOR + String.join(SEPARATOR, fields)).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
  }

  /**
   * The fields of a token this app signed for this purpose.
   *
   * @throws InvalidTokenException when it is malformed, or forged, altered or made for another use
   */
  public List<String> verify(String purpose, String token, int fieldCount) {
    int dot = token.indexOf('.');
    byte[] payload;
    byte[] signature;
    try {
      payload = DECODER.decode(token.substring(0, Math.max(dot, 0)));
      signature = DECODER.decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException(false, "Expected a link token, but it is malformed");
    }
    if (dot <= 0 || payload.length == 0 || signature.length != SIGNATURE_BYTES) {
      throw new InvalidTokenException(false, "Expected a link token, but it is malformed");
    }
    // Constant time, so the response time does not tell a forger how many bytes were right.
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      throw new InvalidTokenException(true, "Expected a link signed by Journeys, but the signature does not match");
    }
    List<String> parts = Arrays.asList(new String(payload, StandardCharsets.UTF_8).split(SEPARATOR, -1));
    if (!parts.get(0).equals(purpose) || parts.size() != fieldCount + 1) {
      throw new InvalidTokenException(true, "Expected a %s link, but this one was made for another use".formatted(purpose));
    }
    return List.copyOf(parts.subList(1, parts.size()));
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret.key(), ALGORITHM));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JVM has " + ALGORITHM, e);
    }
  }

  /** A link token that is not ours: malformed (400) or with a wrong signature (403). */
  public static class InvalidTokenException extends RuntimeException {

    private final boolean forged;

    public InvalidTokenException(boolean forged, String message) {
      super(message);
      this.forged = forged;
    }

    /** True when the token parses but its signature or purpose is wrong. */
    public boolean forged() {
      return forged;
    }
  }
}
