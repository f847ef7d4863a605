package dev.journeys.orders;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks X-Shopify-Hmac-SHA256: the base64 HMAC-SHA256 of the raw body bytes under the app's
 * secret. Computed on the bytes as received, never on re-serialised JSON, and compared in constant
 * time so the answer's timing reveals nothing about the expected value.
 */
@Component
class ShopifySignature {

  private static final Logger log = LoggerFactory.getLogger(ShopifySignature.class);
  private static final String HMAC = "HmacSHA256";

  private final List<byte[]> secrets;

  ShopifySignature(ShopifyProperties properties) {
    this.secrets =
        properties.webhookSecrets().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    if (secrets.isEmpty()) {
      log.warn("No journeys.shopify.webhook-secrets configured: every Shopify webhook gets 401");
    }
  }

  /** True when the signature matches the body under one of the configured secrets. */
  boolean verify(byte[] body, String header) {
    if (header == null || header.isBlank()) {
      return false;
    }
    byte[] given;
    try {
      given = Base64.getDecoder().decode(header.trim());
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    boolean matched = false;
    for (byte[] secret : secrets) {
      // No early exit: every secret is tried, whichever one matches.
      matched |= MessageDigest.isEqual(sign(secret, body), given);
    }
    return matched;
  }

  /** The header value Shopify would send for this body. */
  static String sign(String secret, byte[] body) {
    return Base64.getEncoder().encodeToString(sign(secret.getBytes(StandardCharsets.UTF_8), body));
  }

  private static byte[] sign(byte[] secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret, HMAC));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("Every JVM has " + HMAC, e);
    }
  }
}
