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
  void theShippedPushTemplatesFitTheDefaultsAndAnOverlongOneFailsValidation() {
    assertThat(SmsTemplateCheck.templates(MessageRenderer.PUSH_SUFFIX)).contains(
        "shipping-update/en.push.txt", "shipping-update/zh-CN.push.txt", "delay-alert/en.push.txt");
    withPush(65).check();

    assertThatThrownBy(() -> withPush(10).check())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Push template ")
        .hasMessageContaining("journeys.push.max-title");
  }

  private static SmsTemplateCheck withPush(int maxTitle) {
    MessageModel model = new MessageModel(TestMessages.PROPERTIES, (order, customerId, limit) -> List.of(), List.of());
    PushProperties push = new PushProperties(null, null, null, null, "http://localhost", maxTitle, 240, Duration.ofSeconds(1));
    SmsProperties sms = new SmsProperties("http://localhost", null, null, "+15005550006", null, null, null,
        2, Duration.ofSeconds(1));
    return new SmsTemplateCheck(new SmsComposer(new MessageRenderer(), model, sms),
        new PushComposer(new MessageRenderer(), model, push));
  }

  private static SmsTemplateCheck check(int maxSegments) {
    SmsProperties sms = new SmsProperties("http://localhost", null, null, "+15005550006", null, null, null,
        maxSegments, Duration.ofSeconds(1));
    MessageModel model = new MessageModel(TestMessages.PROPERTIES, (order, customerId, limit) -> List.of(), List.of());
    return new SmsTemplateCheck(new SmsComposer(new MessageRenderer(), model, sms));
  }
}
