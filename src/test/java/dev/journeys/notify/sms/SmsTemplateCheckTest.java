package dev.journeys.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.notify.TestChannelSupport;
import java.time.Duration;
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
    return new SmsTemplateCheck(new SmsComposer(TestChannelSupport.forTemplatesWithPreferenceLinks(),
        properties(maxSegments)), journeys);
  }

  private static SmsTemplateCheck check(int maxSegments) {
    return new SmsTemplateCheck(new SmsComposer(TestChannelSupport.forTemplates(), properties(maxSegments)));
  }

  private static SmsProperties properties(int maxSegments) {
    return new SmsProperties("http://localhost", null, null, "+15005550006", null, null, null,
        maxSegments, Duration.ofSeconds(1));
  }
}
