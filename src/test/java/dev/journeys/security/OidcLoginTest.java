package dev.journeys.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** With an OIDC provider configured, the login page offers it and sends people to its authorization endpoint. */
@JourneysAppTest
@TestPropertySource(properties = {
  "spring.security.oauth2.client.registration.corp.client-id=journeys",
  "spring.security.oauth2.client.registration.corp.client-secret=not-a-secret",
  "spring.security.oauth2.client.registration.corp.authorization-grant-type=authorization_code",
  "spring.security.oauth2.client.registration.corp.redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
  "spring.security.oauth2.client.registration.corp.scope=openid,profile",
  "spring.security.oauth2.client.provider.corp.authorization-uri=http://127.0.0.1:9/authorize",
  "spring.security.oauth2.client.provider.corp.token-uri=http://127.0.0.1:9/token",
  "spring.security.oauth2.client.provider.corp.jwk-set-uri=http://127.0.0.1:9/jwks",
  "spring.security.oauth2.client.provider.corp.user-name-attribute=sub",
  "journeys.security.oidc.roles-claim=groups",
})
class OidcLoginTest {

  @LocalServerPort int port;

  @Test
  void theLoginPageOffersTheProviderAndRedirectsToIt() {
    WebSession browser = new WebSession(port);
    assertThat(browser.get("/login").body()).contains("/oauth2/authorization/corp");
    HttpResponse<String> start = browser.get("/oauth2/authorization/corp");
    assertThat(start.statusCode()).isEqualTo(302);
    assertThat(start.headers().firstValue("Location").orElseThrow())
        .startsWith("http://127.0.0.1:9/authorize?").contains("client_id=journeys").contains("scope=openid");
    assertThat(browser.logIn("viewer", dev.journeys.TestCredentials.VIEWER_PASSWORD).headers()
        .firstValue("Location").orElseThrow()).as("form login still works beside it").endsWith("/dashboard");
  }

  @Test
  void rolesComeFromTheConfiguredClaim() {
    OidcRoles roles = new OidcRoles(new SecurityProperties.Oidc("groups", null));
    assertThat(roles.rolesIn(Map.of("groups", List.of("Operator", "finance", "shop")))).containsExactly(Role.OPERATOR);
    assertThat(roles.rolesIn(Map.of("groups", "viewer admin"))).containsExactly(Role.VIEWER, Role.ADMIN);
    assertThat(roles.rolesIn(Map.of("other", "admin"))).isEmpty();
  }
}
