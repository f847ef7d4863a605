package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedLinksTest {

  private static final String SECRET = "0123456789abcdef0123456789abcdef-test";
  private static final String KEY_1 = "key-one-of-at-least-thirty-two-characters";
  private static final String KEY_2 = "key-two-of-at-least-thirty-two-characters";
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);
  private static final SiteProperties SITE = new SiteProperties("https://shop.test/journeys/");

  private final SignedLinks links = links(SECRET);

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
    String raised = encode(decode(token).replaceFirst("\n1$", "\n5")) + "." + signature;

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

  @Test
  void aLinkNamesItsKeySoOldLinksVerifyAfterARotationUntilTheirKeyIsRetired() {
    SignedLinks before = rotating(Map.of("k1", KEY_1), "k1", List.of());
    String token = before.sign("unsubscribe", "c-1", "email");

    SignedLinks after = rotating(Map.of("k1", KEY_1, "k2", KEY_2), "k2", List.of());
    assertThat(after.verify("unsubscribe", token, 2)).containsExactly("c-1", "email");
    String signedNow = after.sign("unsubscribe", "c-1", "email");
    assertThat(decode(signedNow)).startsWith("2\nk2\n");
    assertThatThrownBy(() -> before.verify("unsubscribe", signedNow, 2))
        .as("a key the verifier does not hold").isInstanceOfSatisfying(SignedLinks.InvalidTokenException.class,
            e -> assertThat(e.forged()).isTrue());

    SignedLinks retired = rotating(Map.of("k1", KEY_1, "k2", KEY_2), "k2", List.of("k1"));
    assertThatThrownBy(() -> retired.verify("unsubscribe", token, 2))
        .isInstanceOfSatisfying(SignedLinks.InvalidTokenException.class, e -> assertThat(e.forged()).isTrue());
    assertThat(retired.verify("unsubscribe", signedNow, 2)).containsExactly("c-1", "email");
  }

  @Test
  void keysComeFromADirectoryOfSecretFiles(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("2026-12"), KEY_1 + "\n");
    Files.writeString(dir.resolve(".hidden"), "not a key");
    SignedLinks fromFiles = new SignedLinks(
        new SigningSecret(null, TestMessages.PROPERTIES, new LinkProperties(null, dir, null, null, null, TEN_MINUTES)),
        SITE, LinkProperties.DEFAULTS, Clock.systemUTC());

    String token = fromFiles.sign("unsubscribe", "c-1", "email");
    assertThat(decode(token)).startsWith("2\n2026-12\n");
    assertThat(rotating(Map.of("2026-12", KEY_1), null, List.of()).verify("unsubscribe", token, 2))
        .containsExactly("c-1", "email");
  }

  @Test
  void severalKeysNeedToBeToldWhichSigns() {
    assertThatThrownBy(() -> rotating(Map.of("k1", KEY_1, "k2", KEY_2), null, List.of()))
        .hasMessageContaining("journeys.links.key-id").hasMessageContaining("k1, k2");
    assertThatThrownBy(() -> rotating(Map.of("k1", KEY_1), "k3", List.of()))
        .hasMessageContaining("journeys.links.key-id to name a configured key (k1)");
    assertThatThrownBy(() -> rotating(Map.of("k1", KEY_1), "k1", List.of("k1")))
        .hasMessageContaining("not to be retired");
    assertThatThrownBy(() -> rotating(Map.of("k1", "short"), "k1", List.of()))
        .hasMessageContaining("journeys.links.keys.k1 to have at least 32 characters");
  }

  @Test
  void linksThatChangeSomethingExpireAndUnsubscribeLinksNever() {
    Instant made = Instant.parse("2030-01-01T00:00:00Z");
    SigningSecret keys = new SigningSecret(null, TestMessages.PROPERTIES,
        new LinkProperties(Map.of("k1", KEY_1), null, null, null, null, TEN_MINUTES));
    SignedLinks then = new SignedLinks(keys, SITE, LinkProperties.DEFAULTS, Clock.fixed(made, ZoneOffset.UTC));
    String preferences = then.sign("preferences", "c-1");
    String feedback = then.sign("feedback", "1001", "5");
    String unsubscribe = then.sign("unsubscribe", "c-1", "email");

    SignedLinks day89 = new SignedLinks(keys, SITE, LinkProperties.DEFAULTS,
        Clock.fixed(made.plus(Duration.ofDays(89)), ZoneOffset.UTC));
    assertThat(day89.verify("preferences", preferences, 1)).containsExactly("c-1");
    SignedLinks day91 = new SignedLinks(keys, SITE, LinkProperties.DEFAULTS,
        Clock.fixed(made.plus(Duration.ofDays(91)), ZoneOffset.UTC));
    assertThatThrownBy(() -> day91.verify("preferences", preferences, 1))
        .isInstanceOfSatisfying(SignedLinks.ExpiredTokenException.class, e -> {
          assertThat(e.fields()).containsExactly("c-1");
          assertThat(e).hasMessage("Expected a preferences link at most 90 days old, but this one has expired");
        });
    assertThatThrownBy(() -> day91.verify("feedback", feedback, 2)).isInstanceOf(SignedLinks.ExpiredTokenException.class);
    assertThat(day91.verify("unsubscribe", unsubscribe, 2)).containsExactly("c-1", "email");
    assertThat(day91.verifyIgnoringAge("preferences", preferences, 1).issuedAt()).isEqualTo(made);

    SignedLinks shorter = new SignedLinks(keys, SITE,
        new LinkProperties(null, null, null, null, Map.of("preferences", Duration.ofDays(30)), TEN_MINUTES),
        Clock.fixed(made.plus(Duration.ofDays(31)), ZoneOffset.UTC));
    assertThatThrownBy(() -> shorter.verify("preferences", preferences, 1))
        .isInstanceOf(SignedLinks.ExpiredTokenException.class);
  }

  @Test
  void linksMadeBeforeKeysHadIdsStillUnsubscribeButNoLongerChangePreferences() throws Exception {
    // The format of earlier versions: purpose and fields, signed with the one key there was.
    String legacyUnsubscribe = legacyToken("unsubscribe\nc-1\nemail");
    String legacyPreferences = legacyToken("preferences\nc-1");

    assertThat(links.verify("unsubscribe", legacyUnsubscribe, 2)).containsExactly("c-1", "email");
    assertThatThrownBy(() -> links.verify("preferences", legacyPreferences, 1))
        .isInstanceOf(SignedLinks.ExpiredTokenException.class);
    assertThat(links.verifyIgnoringAge("preferences", legacyPreferences, 1).fields()).containsExactly("c-1");
  }

  private static String legacyToken(String payload) throws Exception {
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    return encode(payload) + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(bytes));
  }

  private static SignedLinks rotating(Map<String, String> keys, String keyId, List<String> retired) {
    return new SignedLinks(
        new SigningSecret(null, TestMessages.PROPERTIES, new LinkProperties(keys, null, keyId, retired, null, TEN_MINUTES)),
        SITE, LinkProperties.DEFAULTS, Clock.systemUTC());
  }

  private static String decode(String token) {
    return new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
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
