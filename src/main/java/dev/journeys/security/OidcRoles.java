package dev.journeys.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * Turns the roles claim of an OIDC login into our roles: values naming viewer, operator or admin
 * (any case, e.g. from a Keycloak client role or an Entra ID app role) count, others are ignored.
 */
final class OidcRoles implements GrantedAuthoritiesMapper {

  private static final Logger log = LoggerFactory.getLogger(OidcRoles.class);

  private final String claim;
  private final Role defaultRole;

  OidcRoles(SecurityProperties.Oidc oidc) {
    this.claim = oidc.rolesClaim();
    this.defaultRole = oidc.defaultRole() == null || oidc.defaultRole().isBlank()
        ? null : Role.parse(oidc.defaultRole(), "journeys.security.oidc.default-role");
  }

  @Override
  public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
    Set<GrantedAuthority> mapped = new LinkedHashSet<>(authorities);
    Set<Role> roles = new LinkedHashSet<>();
    for (GrantedAuthority authority : authorities) {
      if (authority instanceof OAuth2UserAuthority user) {
        roles.addAll(rolesIn(user.getAttributes()));
      }
    }
    if (roles.isEmpty() && defaultRole != null) {
      roles.add(defaultRole);
    }
    if (roles.isEmpty()) {
      log.warn("An OIDC login has no role in its '{}' claim and journeys.security.oidc.default-role is unset: "
          + "it may not see anything", claim);
    }
    roles.forEach(role -> mapped.add(new SimpleGrantedAuthority(role.authority())));
    return mapped;
  }

  List<Role> rolesIn(Map<String, Object> attributes) {
    Object value = attributes.get(claim);
    List<String> names = new ArrayList<>();
    if (value instanceof Collection<?> many) {
      many.forEach(v -> names.add(String.valueOf(v)));
    } else if (value != null) {
      names.addAll(List.of(String.valueOf(value).split("[,\\s]+")));
    }
    List<Role> roles = new ArrayList<>();
    for (String name : names) {
      try {
        Role role = Role.parse(name, "claim " + claim);
        if (role != Role.SHOP) {
          roles.add(role);
        }
      } catch (IllegalArgumentException notOurs) {
        // other applications' roles share the claim
      }
    }
    return roles;
  }
}
