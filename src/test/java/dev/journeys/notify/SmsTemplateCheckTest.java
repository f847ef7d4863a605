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

  private static SmsTemplateCheck check(int maxSegments) {
    SmsProperties sms = new SmsProperties("http://localhost", null, null, "+15005550006", null, null, null,
        maxSegments, Duration.ofSeconds(1));
    MessageModel model = new MessageModel(TestMessages.PROPERTIES, (order, customerId, limit) -> List.of(), List.of());
    return new SmsTemplateCheck(new SmsComposer(new MessageRenderer(), model, sms));
  }
}
