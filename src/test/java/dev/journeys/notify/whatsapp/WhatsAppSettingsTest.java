package dev.journeys.notify.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The start-up check names each WhatsApp setting that is wrong. */
class WhatsAppSettingsTest {

  @Test
  void namesTheSettingsThatAreWrong() {
    WhatsAppProperties properties = new WhatsAppProperties(true, "https://api.twilio.com", "AC1", null, "4155238886",
        null, Map.of("shipping-update", Map.of("en", "not-a-sid"), "no-such-template", Map.of("en",
            "HX0123456789abcdef0123456789abcdef")), Duration.ofSeconds(10));

    assertThat(new WhatsAppChannel(null, null, properties, null).startupProblems()).containsExactlyInAnyOrder(
        "Expected journeys.notify.whatsapp.auth-token to be set with account-sid, but it is not",
        "Expected journeys.notify.whatsapp.from to be the sender as +E164 (or whatsapp:+E164), but it is '4155238886'",
        "Expected journeys.notify.whatsapp.templates.shipping-update.en to be a content SID (HX and 32 hex digits),"
            + " but it is 'not-a-sid'",
        "Expected journeys.notify.whatsapp.templates.no-such-template.en to have its variables in"
            + " templates/messages/no-such-template/en.whatsapp.txt, but there is no such file");
  }

  @Test
  void aCompleteSetupHasNoProblems() {
    WhatsAppProperties properties = new WhatsAppProperties(true, "https://api.twilio.com", "AC1", "token",
        "whatsapp:+14155238886", null, Map.of("shipping-update", Map.of("en", "HX0123456789abcdef0123456789abcdef",
            "zh-CN", "HXfedcba9876543210fedcba9876543210")), Duration.ofSeconds(10));

    assertThat(new WhatsAppChannel(null, null, properties, null).startupProblems()).isEmpty();
    assertThat(properties.fromAddress()).isEqualTo("whatsapp:+14155238886");
    assertThat(properties.contentSid("shipping-update", "zh-CN")).isEqualTo("HXfedcba9876543210fedcba9876543210");
  }
}
