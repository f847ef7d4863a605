package dev.journeys.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Misconfigured logins and tokens stop the start with a message naming the setting. */
class SecurityPropertiesTest {

  @Test
  void aTokenIsFoundByItsHashOnly() {
    String hash = HexFormat.of().formatHex(ApiTokens.sha256("s3cret-token"));
    ApiTokens tokens = new ApiTokens(List.of(new SecurityProperties.ApiToken("shop", hash, "shop")));
    assertThat(tokens.find("s3cret-token")).hasValueSatisfying(h -> assertThat(h.role()).isEqualTo(Role.SHOP));
    assertThat(tokens.find("s3cret-token ")).isEmpty();
    assertThat(tokens.find(hash)).as("the hash itself is no token").isEmpty();
  }

  @Test
  void badEntriesNameTheSetting() {
    assertThatThrownBy(() -> new ApiTokens(List.of(new SecurityProperties.ApiToken("ci", "plain-token", "admin"))))
        .hasMessageContaining("journeys.security.api-tokens[ci].sha256");
    String hash = "a".repeat(64);
    assertThatThrownBy(() -> new ApiTokens(List.of(new SecurityProperties.ApiToken("ci", hash, "root"))))
        .hasMessageContaining("journeys.security.api-tokens[ci].role").hasMessageContaining("viewer, operator, admin");
    SecurityConfiguration configuration = new SecurityConfiguration();
    assertThatThrownBy(() -> configuration.users(new SecurityProperties(
            List.of(new SecurityProperties.User("ann", "password", "admin")), List.of(), null)))
        .hasMessageContaining("journeys.security.users[ann].password-hash").hasMessageContaining("bcrypt");
  }
}
