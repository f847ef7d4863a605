package dev.journeys.notify.email;

import dev.journeys.notify.EmailMasking;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Addresses a mail server rejected permanently (5xx to RCPT TO): later sends to them are skipped,
 * since retrying a dead mailbox hurts the shop's sender reputation and never delivers.
 *
 * <p>Keyed by a SHA-256 of the lower-cased address, with only a masked form beside it: the table
 * can answer "is this address suppressed?" without keeping contact details of its own.
 */
@Repository
class Suppressions {

  private final JdbcClient jdbc;

  Suppressions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean isSuppressed(String address) {
    return jdbc.sql("SELECT COUNT(*) FROM suppression WHERE address_hash = ?")
            .param(hash(address))
            .query(Integer.class)
            .single()
        > 0;
  }

  /** Records the rejection; the first reason is kept. */
  void suppress(String address, String reason) {
    String truncated = reason.length() <= 1000 ? reason : reason.substring(0, 1000);
    try {
      jdbc.sql(
              """
              INSERT INTO suppression (address_hash, masked_address, reason, created_at)
              VALUES (?, ?, ?, ?)""")
          .params(
              hash(address),
              EmailMasking.mask(address),
              truncated,
              OffsetDateTime.now(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException alreadySuppressed) {
      // Two messages to the same dead address, rejected at the same moment.
    }
  }

  static String hash(String address) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
