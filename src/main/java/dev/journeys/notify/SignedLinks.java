package dev.journeys.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Links customers click in messages (unsubscribe, preferences, feedback), carrying a token that
 * proves we made them: {@code base64url(payload) "." base64url(HMAC-SHA256)}, where the payload is
 * the format version, the id of the key that signed it, when it was made, the purpose and the
 * fields. The purpose is signed too, so a token made for one use (a rating) is useless for another
 * (an unsubscribe). Links of some purposes expire ({@code journeys.links.lifetime}): a forwarded
 * preference link must not let anyone change the customer's consent forever. Unsubscribe links
 * never expire: they must work as long as the email exists.
 *
 * <p>Tokens made before keys had ids (payload: purpose and fields) still verify with the key that
 * made them; as they do not say when they were made, they count as expired for purposes that expire.
 */
@Component
public class SignedLinks {

  private static final String ALGORITHM = "HmacSHA256";
  private static final String SEPARATOR = "\n";
  private static final String VERSION = "2";
  private static final int SIGNATURE_BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SigningSecret keys;
  private final String baseUrl;
  private final Map<String, Duration> lifetimes;
  private final Clock clock;

  SignedLinks(SigningSecret keys, SiteProperties site) {
    this(keys, site, LinkProperties.DEFAULTS, Clock.systemUTC());
  }

  @Autowired
  SignedLinks(SigningSecret keys, SiteProperties site, LinkProperties properties, Clock clock) {
    this.keys = keys;
    this.baseUrl = site.publicBaseUrl();
    this.lifetimes = properties.lifetime();
    this.clock = clock;
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
    SigningSecret.Key key = keys.active();
    String header = String.join(SEPARATOR, VERSION, key.id(), Long.toString(clock.instant().getEpochSecond()), purpose);
    byte[] payload = (header + SEPARATOR + String.join(SEPARATOR, fields)).getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(key.secret(), payload));
  }

  /**
   * The fields of a token this app signed for this purpose, if it has not expired.
   *
   * @throws InvalidTokenException when it is malformed, forged, altered, made for another use or
   *     signed with a retired key
   * @throws ExpiredTokenException when it is genuine but older than its purpose's lifetime
   */
  public List<String> verify(String purpose, String token, int fieldCount) {
    Verified verified = verifyIgnoringAge(purpose, token, fieldCount);
    Duration lifetime = lifetimes.get(purpose);
    if (lifetime != null && (verified.issuedAt() == null || verified.issuedAt().plus(lifetime).isBefore(clock.instant()))) {
      throw new ExpiredTokenException(purpose, lifetime, verified.fields());
    }
    return verified.fields();
  }

  /** A genuine token's fields, however old: for offering a fresh link in place of an expired one. */
  public Verified verifyIgnoringAge(String purpose, String token, int fieldCount) {
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
    List<String> parts = Arrays.asList(new String(payload, StandardCharsets.UTF_8).split(SEPARATOR, -1));
    boolean versioned = parts.size() >= 4 && parts.get(0).equals(VERSION);
    Optional<byte[]> key = versioned ? keys.find(parts.get(1)) : keys.legacy();
    // Constant time, so the response time does not tell a forger how many bytes were right.
    if (key.isEmpty() || !MessageDigest.isEqual(mac(key.get(), payload), signature)) {
      throw new InvalidTokenException(true, "Expected a link signed by Journeys, but the signature does not match"
          + " (or its key was retired)");
    }
    List<String> rest = versioned ? parts.subList(3, parts.size()) : parts;
    if (!rest.get(0).equals(purpose) || rest.size() != fieldCount + 1) {
      throw new InvalidTokenException(true, "Expected a %s link, but this one was made for another use".formatted(purpose));
    }
    Instant issuedAt = null;
    if (versioned) {
      try {
        issuedAt = Instant.ofEpochSecond(Long.parseLong(parts.get(2)));
      } catch (NumberFormatException e) {
        throw new InvalidTokenException(false, "Expected a link token, but its time is malformed");
      }
    }
    return new Verified(List.copyOf(rest.subList(1, rest.size())), issuedAt);
  }

  private static byte[] mac(byte[] key, byte[] payload) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JVM has " + ALGORITHM, e);
    }
  }

  /**
   * A genuine token's fields and when it was made.
   *
   * @param issuedAt null for a token made before links said when they were made
   */
  public record Verified(List<String> fields, Instant issuedAt) {}

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

  /** A genuine link that is too old for what it does (410): a fresh one can be sent. */
  public static class ExpiredTokenException extends InvalidTokenException {

    private final transient List<String> fields;

    public ExpiredTokenException(String purpose, Duration lifetime, List<String> fields) {
      super(false, "Expected a %s link at most %s old, but this one has expired".formatted(purpose,
          lifetime.toHours() % 24 == 0 && lifetime.toDays() > 0 ? lifetime.toDays() + " days" : lifetime));
      this.fields = fields;
    }

    /** What the expired link was about (its signature was checked). */
    public List<String> fields() {
      return fields;
    }
  }
}
