package dev.journeys.notify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keys that sign links, each with an id the token names, so keys can be rotated: new links are
 * signed with the active key, links signed with an older key verify until that key is retired.
 * Keys come from configuration ({@code journeys.links.keys.<id>}), from a directory of secret
 * files ({@code journeys.links.keys-dir}), from {@code journeys.notify.signing-secret} (id
 * {@value #CONFIGURED}) or, so a fresh install is safe without setup, are generated once and
 * stored in the database (id {@value #DATABASE}), where every instance finds the same one. The
 * database key is loaded on first use: the schema exists by then.
 */
@Component
class SigningSecret {

  /** The id of {@code journeys.notify.signing-secret}. */
  static final String CONFIGURED = "secret";
  /** The id of the key generated and stored in the database. */
  static final String DATABASE = "db";

  private static final Logger log = LoggerFactory.getLogger(SigningSecret.class);
  private static final String NAME = "links";
  private static final int MIN_CONFIGURED_LENGTH = 32;
  private static final String KEY_ID = "[A-Za-z0-9_-]{1,32}";

  record Key(String id, byte[] secret) {}

  private final JdbcClient jdbc;
  private final Map<String, byte[]> configured;
  private final String activeId;
  private final Set<String> retired;
  private volatile byte[] generated;

  /** One configured or generated key, no rotation. */
  SigningSecret(JdbcClient jdbc, NotifyProperties properties) {
    this(jdbc, properties, LinkProperties.DEFAULTS);
  }

  @Autowired
  SigningSecret(JdbcClient jdbc, NotifyProperties properties, LinkProperties links) {
    this.jdbc = jdbc;
    this.configured = new LinkedHashMap<>();
    String secret = properties.signingSecret();
    if (secret != null && !secret.isBlank()) {
      add(CONFIGURED, secret, "journeys.notify.signing-secret");
    }
    new TreeMap<>(links.keys()).forEach((id, value) -> add(id, value, "journeys.links.keys." + id));
    if (links.keysDir() != null) {
      readDirectory(links.keysDir());
    }
    this.retired = Set.copyOf(links.retiredKeyIds());
    this.activeId = activeId(links);
    if (retired.contains(activeId)) {
      throw new IllegalStateException(("Expected the key that signs new links (%s) not to be retired, but "
          + "journeys.links.retired-key-ids names it").formatted(activeId));
    }
  }

  private void add(String id, String value, String where) {
    if (!id.matches(KEY_ID)) {
      throw new IllegalStateException(
          "Expected the key id of %s to be 1 to 32 letters, digits, '-' or '_', but it is '%s'".formatted(where, id));
    }
    if (value.length() < MIN_CONFIGURED_LENGTH) {
      // Short secrets can be guessed offline from one signed link; refuse to start with one.
      throw new IllegalStateException("Expected %s to have at least %d characters, but it has %d"
          .formatted(where, MIN_CONFIGURED_LENGTH, value.length()));
    }
    if (configured.put(id, value.getBytes(StandardCharsets.UTF_8)) != null) {
      throw new IllegalStateException("Expected one signing key with id '%s', but %s names it again".formatted(id, where));
    }
  }

  private void readDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("Expected journeys.links.keys-dir to be a directory, but %s is not".formatted(dir));
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")) {
          continue; // Kubernetes' ..data links and editors' files
        }
        add(name, Files.readString(file, StandardCharsets.UTF_8).strip(), "the key file " + file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read the signing keys in " + dir, e);
    }
  }

  private String activeId(LinkProperties links) {
    if (links.keyId() != null && !links.keyId().isBlank()) {
      if (!configured.containsKey(links.keyId()) && !DATABASE.equals(links.keyId())) {
        throw new IllegalStateException("Expected journeys.links.key-id to name a configured key (%s), but it is '%s'"
            .formatted(String.join(", ", configured.keySet()), links.keyId()));
      }
      return links.keyId();
    }
    return switch (configured.size()) {
      case 0 -> DATABASE;
      case 1 -> configured.keySet().iterator().next();
      default -> throw new IllegalStateException(
          "Expected journeys.links.key-id to say which of the keys %s signs new links, but it is not set"
              .formatted(String.join(", ", configured.keySet())));
    };
  }

  /** The key new links are signed with. */
  Key active() {
    return new Key(activeId, find(activeId).orElseThrow());
  }

  /** A key that may verify links: known and not retired. */
  Optional<byte[]> find(String id) {
    if (retired.contains(id)) {
      return Optional.empty();
    }
    byte[] key = configured.get(id);
    if (key != null) {
      return Optional.of(key);
    }
    return DATABASE.equals(id) ? Optional.ofNullable(generated(id.equals(activeId))) : Optional.empty();
  }

  /**
   * The key links without a key id were signed with, before keys had ids: the configured signing
   * secret, else the database's key.
   */
  Optional<byte[]> legacy() {
    return find(configured.containsKey(CONFIGURED) ? CONFIGURED : DATABASE);
  }

  /** The database's key; generated and stored only when it is to sign. */
  private byte[] generated(boolean create) {
    byte[] current = generated;
    if (current == null) {
      synchronized (this) {
        if (generated == null) {
          generated = load(create); // stays null (and is looked up again) while none is stored
        }
        current = generated;
      }
    }
    return current;
  }

  private byte[] load(boolean create) {
    String stored = stored();
    if (stored == null && create) {
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      try {
        jdbc.sql("INSERT INTO signing_secret (name, secret, created_at) VALUES (?, ?, ?)")
            .params(NAME, Base64.getEncoder().encodeToString(random), OffsetDateTime.now(ZoneOffset.UTC))
            .update();
        log.info("Generated a signing key for links (journeys.links.keys or journeys.notify.signing-secret choose one)");
      } catch (DuplicateKeyException anotherInstanceWon) {
        // Two instances started at once: both use the one that was stored.
      }
      stored = stored();
    }
    return stored == null ? null : Base64.getDecoder().decode(stored);
  }

  private String stored() {
    if (jdbc == null) {
      return null;
    }
    return jdbc.sql("SELECT secret FROM signing_secret WHERE name = ?")
        .param(NAME)
        .query(String.class)
        .optional()
        .orElse(null);
  }
}
