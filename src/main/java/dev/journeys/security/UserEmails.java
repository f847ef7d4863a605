package dev.journeys.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.stereotype.Component;

/**
 * The logged-in user's own email address, for what is sent to them (the studio's test messages):
 * an OIDC login's {@code email} claim; a password login's {@code journeys.security.users[n].email};
 * an API token's {@code journeys.security.api-tokens[n].email}. Empty when none is known. Their own
 * mobile number likewise ({@link #phone}): the OIDC {@code phone_number} claim, else the configured
 * {@code phone}.
 */
@Component
public class UserEmails {

  private static final String TOKEN = "token:";

  private final SecurityProperties properties;

  UserEmails(SecurityProperties properties) {
    this.properties = properties;
  }

  /** The logged-in user's own mobile number, for SMS tests; empty when none is known. */
  public Optional<String> phone(Authentication who) {
    if (who == null) {
      return Optional.empty();
    }
    Object principal = who.getPrincipal();
    if (principal instanceof OidcUser oidc && oidc.getPhoneNumber() != null) {
      return Optional.of(oidc.getPhoneNumber());
    }
    if (principal instanceof OAuth2User user && user.getAttribute("phone_number") instanceof String phone) {
      return Optional.of(phone);
    }
    if (principal instanceof String name && name.startsWith(TOKEN)) {
      String token = name.substring(TOKEN.length());
      return properties.apiTokens().stream().filter(t -> token.equals(t.name()) && t.phone() != null)
          .map(SecurityProperties.ApiToken::phone).findFirst();
    }
    if (!(principal instanceof UserDetails login)) {
      return Optional.empty();
    }
    return properties.users().stream().filter(u -> login.getUsername().equals(u.username()) && u.phone() != null)
        .map(SecurityProperties.User::phone).findFirst();
  }

  public Optional<String> of(Authentication who) {
    if (who == null) {
      return Optional.empty();
    }
    Object principal = who.getPrincipal();
    if (principal instanceof OidcUser oidc && oidc.getEmail() != null) {
      return Optional.of(oidc.getEmail());
    }
    if (principal instanceof OAuth2User user && user.getAttribute("email") instanceof String email) {
      return Optional.of(email);
    }
    if (principal instanceof String name && name.startsWith(TOKEN)) {
      // ApiTokenFilter's principal: "token:" and the token's name
      String token = name.substring(TOKEN.length());
      return properties.apiTokens().stream().filter(t -> token.equals(t.name()) && t.email() != null)
          .map(SecurityProperties.ApiToken::email).findFirst();
    }
    if (!(principal instanceof UserDetails login)) {
      return Optional.empty();
    }
    return properties.users().stream().filter(u -> login.getUsername().equals(u.username()) && u.email() != null)
        .map(SecurityProperties.User::email).findFirst();
  }
}
