package dev.journeys.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The configured API tokens, kept only as SHA-256 hashes. Tokens are long random strings, so a fast
 * hash is enough (unlike passwords) and keeps every API call cheap; comparison is constant-time.
 */
final class ApiTokens {

  record Holder(String name, Role role) {}

  private record Entry(byte[] hash, Holder holder) {}

  private final List<Entry> entries;

  ApiTokens(List<SecurityProperties.ApiToken> configured) {
    this.entries = configured.stream().map(ApiTokens::entry).toList();
  }

  private static Entry entry(SecurityProperties.ApiToken token) {
    String where = "journeys.security.api-tokens[" + token.name() + "]";
    if (token.name() == null || token.name().isBlank()) {
      throw new IllegalArgumentException("Expected every journeys.security.api-tokens entry to have a name, but one has none");
    }
    String hex = token.sha256() == null ? "" : token.sha256().trim().toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("Expected " + where + ".sha256 to be 64 hex digits (printf %s \"$TOKEN\" | sha256sum), but it is not");
    }
    return new Entry(HexFormat.of().parseHex(hex), new Holder(token.name(), Role.parse(token.role(), where + ".role")));
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  Optional<Holder> find(String token) {
    byte[] hash = sha256(token);
    Holder found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.hash(), hash)) {
        found = entry.holder();
      }
    }
    return Optional.ofNullable(found);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected the JDK to provide SHA-256", e);
    }
  }
}
