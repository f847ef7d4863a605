package dev.journeys.engine.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Basic authentication ({@code Authorization: Basic base64(user:password)}, what the Camunda client
 * sends with {@code camunda.client.auth.method=basic}). Each user's password is checked by a
 * predicate the caller supplies (a bcrypt hash at the Spring edge): the engine never holds a
 * password. A slow hash on every gRPC call would cost more than the call, so a header that passed
 * once is remembered by its SHA-256 for the life of the engine (at most {@link #REMEMBERED}).
 */
public final class BasicCredentials {

  static final int REMEMBERED = 256;

  private final Map<String, Predicate<String>> users;
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();

  /** @param users each username and the check of its password */
  public BasicCredentials(Map<String, Predicate<String>> users) {
    this.users = Map.copyOf(users);
  }

  String authenticate(String encoded) {
    String digest = sha256(encoded);
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new Unauthenticated("Expected Basic credentials as base64 of user:password, but they are not base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new Unauthenticated("Expected Basic credentials as base64 of user:password, but there is no ':'");
    }
    String username = decoded.substring(0, colon);
    if (accepted.contains(digest)) {
      return username;
    }
    Predicate<String> password = users.get(username);
    if (password == null || !password.test(decoded.substring(colon + 1))) {
      throw new Unauthenticated("Expected the username and password of a user configured under "
          + "journeys.engine.auth.users, but user '" + username + "' is unknown or its password is wrong");
    }
    if (accepted.size() >= REMEMBERED) {
      accepted.clear();
    }
    accepted.add(digest);
    return username;
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Expected the JDK to provide SHA-256", e);
    }
  }
}
