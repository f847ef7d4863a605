package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every SMS template fits the configured segment limit with sample data, or the app refuses to start. */
class SmsTemplateCheckTest {

  @Test
  void theShippedTemplatesFitTheDefaultTwoSegments() {
    assertThat(SmsTemplateCheck.templates()).contains(
        "delay-alert/en.sms.txt", "delay-alert/zh-CN.sms.txt",
        "shipping-update/en.sms.txt", "shipping-update/zh-CN.sms.txt");
    check(2).check();
  }

  @Test
  void aTemplateOverTheLimitFailsValidationNamingIt() {
    assertThatThrownBy(() -> check(1).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMS template delay-alert/")
        .hasMessageContaining("journeys.sms.max-segments=1")
        .hasMessageContaining("2 segment(s)");
  }

  @Test
  void aTemplateAMarketingStepTextsIsCheckedWithThePreferenceLinkEveryMarketingTextCarries() {
    // Two segments hold every shipped SMS as a transactional text (above), and the shipped journeys
    // text nothing for marketing: they pass.
    withJourneys(2, "classpath*:bpmn/*.bpmn").check();

    // A journey that texts delay-alert as marketing: the appended preference link overruns them.
    assertThatThrownBy(() -> withJourneys(2, "classpath:sms-check/*.bpmn").check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SMS template delay-alert/")
        .hasMessageContaining("as a marketing text with its preference centre link")
        .hasMessageContaining("marketing-sms.bpmn element send_delay_offer")
        .hasMessageContaining("journeys.sms.max-segments=2");
    // With room for the link it passes.
    withJourneys(4, "classpath:sms-check/*.bpmn").check();
  }

  private static SmsTemplateCheck withJourneys(int maxSegments, String journeys) {
    NotifyProperties p = TestMessages.PROPERTIES;
    NotifyProperties withSecret = new NotifyProperties(p.from(), p.supportEmail(), p.supportUrl(),
        p.trackingUrl(), p.shopUrl(), p.productUrl(), p.reviewUrl(), p.recommendations(),
        p.recommendationsCache(), p.messageIdDomain(), p.unsubscribeMailto(),
        "a-test-secret-of-at-least-32-characters", p.retryBackoff(), p.sendLease(), p.retryBackoffMax());
    PreferenceLinks links = new PreferenceLinks(
        new SignedLinks(new SigningSecret(null, withSecret), new SiteProperties("https://shop.example.com/journeys/")));
    MessageModel model = new MessageModel(p, (order, customerId, limit) -> List.of(), List.of(), links);
    SmsProperties sms = new SmsProperties("http://localhost", null, null, "+15005550006", null, null, null,
        maxSegments, Duration.ofSeconds(1));
    return new SmsTemplateCheck(new SmsComposer(new MessageRenderer(), model, sms), journeys);
  }

  private static SmsTemplateCheck check(int maxSegments) {
    SmsProperties sms = new SmsProperties("http://localhost", null, null, "+15005550006", null, null, null,
        maxSegments, Duration.ofSeconds(1));
    MessageModel model = new MessageModel(TestMessages.PROPERTIES, (order, customerId, limit) -> List.of(), List.of());
    return new SmsTemplateCheck(new SmsComposer(new MessageRenderer(), model, sms));
  }
}
