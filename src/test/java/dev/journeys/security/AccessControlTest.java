package dev.journeys.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import dev.journeys.TestCredentials;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.savedrequest.RequestCacheAwareFilter;
import org.springframework.security.web.session.SessionManagementFilter;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who can do what, over real HTTP: pages redirect to the login, the API answers 401; roles decide
 * the rest; CSRF guards everything a session cookie could be made to do; signed endpoints need no login.
 */
@JourneysAppTest
class AccessControlTest {

  @LocalServerPort int port;
  @Autowired FilterChainProxy filterChains;

  private WebSession anonymous() {
    return new WebSession(port);
  }

  private WebSession loggedIn(String user, String password) {
    WebSession session = new WebSession(port);
    HttpResponse<String> login = session.logIn(user, password);
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/dashboard");
    return session;
  }

  @Test
  void pagesSendStrangersToTheLoginAndTheApiAnswers401() {
    HttpResponse<String> page = anonymous().get("/dashboard/incidents");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");

    assertThat(anonymous().get("/api/inbox").statusCode()).isEqualTo(401);
    assertThat(anonymous().get("/api/sandbox/messages").statusCode()).isEqualTo(401);
    assertThat(anonymous().postJson("/api/orders", "{}", null).statusCode()).as("no CSRF 403 for a token-less API call")
        .isEqualTo(401);
    assertThat(anonymous().get("/login").statusCode()).isEqualTo(200);
  }

  @Test
  void aWrongPasswordOrUnknownTokenGetsNothing() {
    HttpResponse<String> login = anonymous().logIn("viewer", "not-the-password");
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    HttpResponse<String> token = anonymous().get("/api/inbox", "made-up-token");
    assertThat(token.statusCode()).isEqualTo(401);
    assertThat(token.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
  }

  @Test
  void apiTokensCarryTheirRole() {
    WebSession http = anonymous();
    assertThat(http.postJson("/api/orders", "{}", TestCredentials.SHOP_TOKEN).statusCode())
        .as("the shop may post orders (this one is invalid)").isEqualTo(400);
    assertThat(http.postJson("/api/orders", "{}", TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(403);
    assertThat(http.get("/api/inbox", TestCredentials.SHOP_TOKEN).statusCode()).as("the shop reads no ops data")
        .isEqualTo(403);
    assertThat(http.get("/api/inbox", TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(200);
    assertThat(http.postJson("/api/inbox/424242/retry", "", TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(403);
    assertThat(http.postJson("/api/inbox/424242/retry", "", TestCredentials.OPERATOR_TOKEN).statusCode())
        .as("an operator may retry (there is no such event)").isEqualTo(404);
    assertThat(http.postJson("/api/admin/anything", "{}", TestCredentials.OPERATOR_TOKEN).statusCode()).isEqualTo(403);
    assertThat(http.postJson("/api/admin/anything", "{}", TestCredentials.ADMIN_TOKEN).statusCode())
        .as("admin passes access control (no such endpoint)").isEqualTo(404);
    assertThat(http.get("/api/sandbox/messages", TestCredentials.VIEWER_TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void viewersReadOperatorsActAndEveryFormNeedsItsCsrfToken() {
    WebSession viewer = loggedIn("viewer", TestCredentials.VIEWER_PASSWORD);
    assertThat(viewer.get("/dashboard").statusCode()).isEqualTo(200);
    assertThat(viewer.get("/dashboard/incidents").body()).doesNotContain("class=\"retry\"");
    assertThat(viewer.get("/api/inbox").statusCode()).as("a session reads the API too").isEqualTo(200);
    String viewerCsrf = viewer.csrfFrom("/dashboard/incidents");
    assertThat(viewer.postForm("/dashboard/incidents/1/retry", "_csrf=" + WebSession.enc(viewerCsrf)).statusCode())
        .as("a viewer may not retry").isEqualTo(403);

    WebSession operator = loggedIn("operator", TestCredentials.OPERATOR_PASSWORD);
    assertThat(operator.postForm("/dashboard/incidents/1/retry", "").statusCode()).as("no CSRF token").isEqualTo(403);
    assertThat(operator.postForm("/dashboard/incidents/1/retry", "_csrf=forged").statusCode()).isEqualTo(403);
    assertThat(operator.postJson("/api/inbox/424242/retry", "", null).statusCode())
        .as("a session's unsafe API call needs CSRF as well").isEqualTo(403);
    String csrf = operator.csrfFrom("/dashboard/incidents");
    assertThat(operator.postForm("/dashboard/incidents/1/retry", "_csrf=" + WebSession.enc(csrf)).statusCode())
        .as("past access control: no incident 1").isEqualTo(404);
    assertThat(operator.postForm("/api/admin/anything", "_csrf=" + WebSession.enc(csrf)).statusCode())
        .as("an operator is no admin").isEqualTo(403);
  }

  @Test
  void loggingOutEndsTheSession() {
    WebSession admin = loggedIn("admin", TestCredentials.ADMIN_PASSWORD);
    String csrf = admin.csrfFrom("/dashboard");
    assertThat(admin.postForm("/logout", "_csrf=" + WebSession.enc(csrf)).statusCode()).isEqualTo(302);
    assertThat(admin.get("/dashboard").statusCode()).isEqualTo(302);
  }

  @Test
  void signedEndpointsNeedNoLoginAndNoCsrf() {
    WebSession http = anonymous();
    HttpResponse<String> webhook = http.postJson("/api/webhooks/shopify", "{}", null);
    assertThat(webhook.statusCode()).as("refused by its signature check, not by a login").isEqualTo(401);
    assertThat(webhook.body()).contains("X-Shopify-Hmac-SHA256");
    assertThat(webhook.headers().allValues("Set-Cookie")).isEmpty();
    HttpResponse<String> withToken = http.postJson("/webhooks/sms/status", "", TestCredentials.ADMIN_TOKEN);
    assertThat(withToken.statusCode()).as("a webhook is judged by its signature, not by a bearer token")
        .isEqualTo(403);
    assertThat(withToken.headers().allValues("Set-Cookie")).isEmpty();
    assertThat(http.get("/api/feedback/garbage").statusCode()).isEqualTo(400);
    assertThat(http.postForm("/api/unsubscribe/garbage", "List-Unsubscribe=One-Click").statusCode())
        .isIn(400, 403);
    assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
  }

  @Test
  void theApiDocsAreOffUnlessEnabledAndMetricsAreNotPublic() {
    WebSession http = anonymous();
    assertThat(http.get("/v3/api-docs").statusCode()).isEqualTo(401);
    assertThat(http.get("/swagger-ui.html").headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/login"));
    assertThat(http.get("/v3/api-docs", TestCredentials.VIEWER_TOKEN).statusCode())
        .as("springdoc.api-docs.enabled is false outside the dev profile").isEqualTo(404);
    assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(401);
  }

  @Test
  void webhooksPassOnlyTheFiltersAMachineCallNeeds() {
    for (String path : List.of("/api/webhooks/shopify", "/webhooks/sms/status", "/webhooks/sms/inbound")) {
      assertThat(filterChains.getFilters(path).stream().map(Object::getClass).toList())
          .as(path).doesNotContain(CsrfFilter.class, SessionManagementFilter.class, RequestCacheAwareFilter.class,
              ApiTokenFilter.class);
    }
    assertThat(filterChains.getFilters("/api/orders").stream().map(Object::getClass).toList())
        .contains(CsrfFilter.class, ApiTokenFilter.class);
  }
}
