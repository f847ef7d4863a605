package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedLinksTest {

  private final SignedLinks links = links("0123456789abcdef0123456789abcdef-test");

  @Test
  void aLinkCarriesItsFieldsUnderThePublicBaseUrl() {
    String link = links.link("/api/feedback/", "feedback", "#1001", "5");

    assertThat(link).startsWith("https://shop.test/journeys/api/feedback/").doesNotContain("#", "=", "+", "/" + "/api");
    String token = link.substring(link.lastIndexOf('/') + 1);
    assertThat(links.verify("feedback", token, 2)).containsExactly("#1001", "5");
  }

  @Test
  void anAlteredTokenIsForged() {
    String token = links.sign("feedback", "1001", "1");
    String signature = token.substring(token.indexOf('.') + 1);
    String raised = encode("feedback\n1001\n5") + "." + signature;

    assertThatThrownBy(() -> links.verify("feedback", raised, 2))
        .isInstanceOfSatisfying(SignedLinks.InvalidTokenException.class, e -> assertThat(e.forged()).isTrue());
  }

  @Test
  void aTokenForAnotherUseOrFromAnotherSecretIsForged() {
    String unsubscribe = links.sign("unsubscribe", "1001", "5");
    String foreign = links("another-secret-of-at-least-32-characters").sign("feedback", "1001", "5");

    assertThatThrownBy(() -> links.verify("feedback", unsubscribe, 2))
        .isInstanceOfSatisfying(SignedLinks.InvalidTokenException.class, e -> assertThat(e.forged()).isTrue());
    assertThatThrownBy(() -> links.verify("feedback", foreign, 2))
        .isInstanceOfSatisfying(SignedLinks.InvalidTokenException.class, e -> assertThat(e.forged()).isTrue());
  }

  @Test
  void garbageIsMalformedNotForged() {
    for (String garbage : new String[] {"", "abc", ".abc", "abc.", "a$b.c%d", "YWJj"}) {
      assertThatThrownBy(() -> links.verify("feedback", garbage, 2))
          .as(garbage)
          .isInstanceOfSatisfying(SignedLinks.InvalidTokenException.class, e -> assertThat(e.forged()).isFalse());
    }
  }

  @Test
  void aShortConfiguredSecretIsRefusedAtStartUp() {
    assertThatThrownBy(() -> links("too-short"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at least 32 characters");
  }

  private static SignedLinks links(String secret) {
    NotifyProperties p = TestMessages.PROPERTIES;
    NotifyProperties withSecret = new NotifyProperties(p.from(), p.supportEmail(), p.supportUrl(),
        p.trackingUrl(), p.shopUrl(), p.productUrl(), p.reviewUrl(), p.recommendations(),
        p.recommendationsCache(), p.messageIdDomain(), p.unsubscribeMailto(), secret, p.retryBackoff(),
        p.sendLease(), p.retryBackoffMax());
    // A configured secret never touches the database.
    return new SignedLinks(new SigningSecret(null, withSecret), new SiteProperties("https://shop.test/journeys/"));
  }

  private static String encode(String payload) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
  }
}
