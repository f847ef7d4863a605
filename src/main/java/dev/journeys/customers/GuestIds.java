package dev.journeys.customers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ids of customers who checked out as guests. Derived from the address, so their next order finds
 * the same customer, with a keyed HMAC, so that nobody holding a candidate address (and no key)
 * can compute the id and confirm that the person bought here. The key is configured
 * ({@code journeys.customers.guest-id-key}) or generated once and kept in the database; it must
 * never change, since it is what finds returning guests.
 *
 * <p>Guests stored before ids were keyed keep their old, unkeyed id while their record holds the
 * same address, so a returning guest is not taken for a new customer.
 */
@Component
class GuestIds {

  private static final Logger log = LoggerFactory.getLogger(GuestIds.class);
  private static final String ALGORITHM = "HmacSHA256";
  private static final String NAME = "guest-ids";
  private static final int MIN_CONFIGURED_LENGTH = 32;
  static final String PREFIX = "guest-";
  /** The row V93 writes when guests with unkeyed ids exist. */
  static final String UNKEYED = "unkeyed-guest-ids";

  private final JdbcClient jdbc;
  private final CustomerStore store;
  private final String configured;
  private volatile byte[] key;
  private volatile Boolean unkeyedGuests;

  GuestIds(JdbcClient jdbc, CustomerStore store, @Value("${journeys.customers.guest-id-key:}") String configured) {
    this.jdbc = jdbc;
    this.store = store;
    this.configured = configured;
    if (!configured.isBlank() && configured.length() < MIN_CONFIGURED_LENGTH) {
      throw new IllegalStateException(
          "Expected journeys.customers.guest-id-key to have at least %d characters, but it has %d"
              .formatted(MIN_CONFIGURED_LENGTH, configured.length()));
    }
  }

  String of(String email) {
    byte[] address = normalised(email);
    String keyed = PREFIX + HexFormat.of().formatHex(mac(address), 0, 12);
    if (!unkeyedGuestsExist()) {
      return keyed;
    }
    String legacy = legacyId(address);
    boolean storedBeforeKeying = store.find(legacy)
        .map(Customer::email)
        .filter(stored -> stored != null && MessageDigest.isEqual(normalised(stored), address))
        .isPresent();
    return storedBeforeKeying ? legacy : keyed;
  }

  /**
   * Whether guests were stored before ids were keyed (the migration that brought keyed ids marks it),
   * read once: on an installation without any, a guest order costs no lookup.
   */
  private boolean unkeyedGuestsExist() {
    Boolean current = unkeyedGuests;
    if (current == null) {
      current = jdbc.sql("SELECT COUNT(*) FROM customer_secret WHERE name = ?").param(UNKEYED).query(Long.class).single() > 0;
      unkeyedGuests = current;
    }
    return current;
  }

  private static byte[] normalised(String email) {
    return email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
  }

  /** The id guests got before it was keyed: the first 12 bytes of the address's SHA-256. */
  static String legacyId(byte[] address) {
    try {
      return PREFIX + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(address), 0, 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  private byte[] mac(byte[] address) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key(), ALGORITHM));
      return mac.doFinal(address);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JVM has " + ALGORITHM, e);
    }
  }

  private byte[] key() {
    byte[] current = key;
    if (current == null) {
      synchronized (this) {
        if (key == null) {
          key = configured.isBlank() ? storedKey() : configured.getBytes(StandardCharsets.UTF_8);
        }
        current = key;
      }
    }
    return current;
  }

  private byte[] storedKey() {
    String stored = stored();
    if (stored == null) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      try {
        jdbc.sql("INSERT INTO customer_secret (name, secret, created_at) VALUES (?, ?, ?)")
            .params(NAME, Base64.getEncoder().encodeToString(random), OffsetDateTime.now(ZoneOffset.UTC))
            .update();
        log.info("Generated the key guest customer ids are derived with (journeys.customers.guest-id-key chooses one)");
      } catch (DuplicateKeyException anotherInstanceWon) {
        // Two instances started at once: both use the one that was stored.
      }
      stored = stored();
    }
    return Base64.getDecoder().decode(stored);
  }

  private String stored() {
    return jdbc.sql("SELECT secret FROM customer_secret WHERE name = ?").param(NAME).query(String.class).optional()
        .orElse(null);
  }
}
