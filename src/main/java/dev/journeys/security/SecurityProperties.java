package dev.journeys.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * journeys.security: who may log in to the dashboard and which tokens may call the API. Only hashes
 * are configured, never a password or a token itself.
 *
 * @param users dashboard logins (bcrypt password hashes)
 * @param apiTokens bearer tokens for the HTTP API (SHA-256 hashes)
 * @param oidc how roles are read from an OIDC login, when spring.security.oauth2.client.* configures one
 */
@ConfigurationProperties("journeys.security")
record SecurityProperties(List<User> users, List<ApiToken> apiTokens, @DefaultValue Oidc oidc) {

  SecurityProperties {
    users = users == null ? List.of() : List.copyOf(users);
    apiTokens = apiTokens == null ? List.of() : List.copyOf(apiTokens);
  }

  /**
   * @param username the login name
   * @param passwordHash a bcrypt hash ($2a$, $2b$ or $2y$), e.g. from {@code htpasswd -nbBC 12 "" 'password'}
   * @param role viewer, operator, marketer or admin
   * @param email the user's own address, where the studio sends the tests they ask for; optional
   * @param phone the user's own mobile number (E.164, e.g. +4915112345678), where the studio sends
   *     SMS tests; optional
   */
  record User(String username, String passwordHash, String role, String email, String phone) {

    @ConstructorBinding
    User {}

    User(String username, String passwordHash, String role) {
      this(username, passwordHash, role, null, null);
    }
  }

  /**
   * @param name who holds it (shows as the principal, e.g. "shop" or "ci")
   * @param sha256 hex SHA-256 of the token, e.g. {@code printf %s "$TOKEN" | sha256sum}
   * @param role shop, viewer, operator, marketer or admin
   * @param email whose token it is, where the studio sends the tests asked for with it; optional
   * @param phone that person's mobile number (E.164), where the studio sends SMS tests; optional
   */
  record ApiToken(String name, String sha256, String role, String email, String phone) {

    @ConstructorBinding
    ApiToken {}

    ApiToken(String name, String sha256, String role) {
      this(name, sha256, role, null, null);
    }
  }

  /**
   * @param rolesClaim the ID token or user-info claim holding the user's roles (a list or one string)
   * @param defaultRole the role of a user whose claim names none of ours; empty: such a user is refused
   */
  record Oidc(@DefaultValue("roles") String rolesClaim, String defaultRole) {}
}
