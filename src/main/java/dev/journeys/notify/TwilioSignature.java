package dev.journeys.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * X-Twilio-Signature: base64 of HMAC-SHA1, keyed with the account's auth token, over the full URL
 * the provider called followed by every POST parameter's name and value, sorted by name.
 */
final class TwilioSignature {

  private static final String ALGORITHM = "HmacSHA1";

  private TwilioSignature() {}

  static String sign(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    // Sorted by name; repeated names keep their values in sorted order too.
    new TreeMap<>(params).forEach((name, values) -> values.stream().sorted()
        .forEach(value -> data.append(name).append(value)));
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JVM has " + ALGORITHM, e);
    }
  }

  /** Constant time, so the response time does not tell a forger how much was right. */
  static boolean matches(String authToken, String url, Map<String, List<String>> params, String signature) {
    if (signature == null || authToken == null || authToken.isEmpty()) {
      return false;
    }
    return MessageDigest.isEqual(sign(authToken, url, params).getBytes(StandardCharsets.UTF_8),
        signature.trim().getBytes(StandardCharsets.UTF_8));
  }
}
