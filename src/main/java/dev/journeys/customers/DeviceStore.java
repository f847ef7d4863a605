package dev.journeys.customers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer_device table: push registration tokens per customer. */
@Repository
class DeviceStore {

  private final JdbcClient jdbc;

  DeviceStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return false when the customer already had this token (registering again is harmless) */
  boolean add(String customerId, String token, String platform, Instant now) {
    try {
      jdbc.sql("""
              INSERT INTO customer_device (customer_id, token, token_hash, platform, created_at)
              VALUES (?, ?, ?, ?, ?)""")
          .params(customerId, token, hash(token), platform, OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
          .update();
      return true;
    } catch (DuplicateKeyException alreadyRegistered) {
      return false;
    }
  }

  boolean remove(String customerId, String token) {
    return jdbc.sql("DELETE FROM customer_device WHERE customer_id = ? AND token_hash = ?")
        .params(customerId, hash(token)).update() > 0;
  }

  /** Forgets every device of the customer (erasure); how many there were. */
  int eraseAll(String customerId) {
    return jdbc.sql("DELETE FROM customer_device WHERE customer_id = ?").param(customerId).update();
  }

  List<String> tokens(String customerId) {
    return jdbc.sql("SELECT token FROM customer_device WHERE customer_id = ? ORDER BY created_at, token_hash")
        .param(customerId).query(String.class).list();
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }
}
