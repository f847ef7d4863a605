package dev.journeys.notify;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key that signs links. Configured (journeys.notify.signing-secret) or, so a fresh install is
 * safe without setup, generated once and stored in the database, where every instance of the app
 * finds the same one. Loaded on first use: the schema exists by then.
 */
@Component
class SigningSecret {

  private static final Logger log = LoggerFactory.getLogger(SigningSecret.class);
  private static final String NAME = "links";
  private static final int MIN_CONFIGURED_LENGTH = 32;

  private final JdbcClient jdbc;
  private final String configured;
  private volatile byte[] key;

  SigningSecret(JdbcClient jdbc, NotifyProperties properties) {
    this.jdbc = jdbc;
    this.configured = properties.signingSecret();
    if (configured != null && !configured.isBlank() && configured.length() < MIN_CONFIGURED_LENGTH) {
      // Short secrets can be guessed offline from one signed link; refuse to start with one.
      throw new IllegalStateException(
          "Expected journeys.notify.signing-secret to have at least %d characters, but it has %d"
              .formatted(MIN_CONFIGURED_LENGTH, configured.length()));
    }
  }

  byte[] key() {
    byte[] current = key;
    if (current == null) {
      synchronized (this) {
        if (key == null) {
          key = load();
        }
        current = key;
      }
    }
    return current;
  }

  private byte[] load() {
    if (configured != null && !configured.isBlank()) {
      return configured.getBytes(StandardCharsets.UTF_8);
    }
    String stored = stored();
    if (stored == null) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      try {
        jdbc.sql("INSERT INTO signing_secret (name, secret, created_at) VALUES (?, ?, ?)")
            .params(NAME, Base64.getEncoder().encodeToString(random), OffsetDateTime.now(ZoneOffset.UTC))
            .update();
        log.info("Generated a signing secret for links (set journeys.notify.signing-secret to choose one)");
      } catch (DuplicateKeyException anotherInstanceWon) {
        // Two instances started at once: both use the one that was stored.
      }
      stored = stored();
    }
    return Base64.getDecoder().decode(stored);
  }

  private String stored() {
    return jdbc.sql("SELECT secret FROM signing_secret WHERE name = ?")
        .param(NAME)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
