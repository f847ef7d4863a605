package dev.journeys.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an SMS body costs in segments. */
class SmsSegmentsTest {

  @Test
  void segmentsFollowGsm7AndUcs2Limits() {
    assertThat(SmsSegments.count("a".repeat(160)).segments()).isEqualTo(1);
    assertThat(SmsSegments.count("a".repeat(161)).segments()).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(306)).segments()).isEqualTo(2);
    assertThat(SmsSegments.count("a".repeat(307)).segments()).isEqualTo(3);
    assertThat(SmsSegments.count("€".repeat(80)).segments()).as("extension characters count twice").isEqualTo(1);
    assertThat(SmsSegments.count("€".repeat(81)).segments()).isEqualTo(2);
    assertThat(SmsSegments.count("好".repeat(70)).segments()).isEqualTo(1);
    assertThat(SmsSegments.count("好".repeat(71)).segments()).isEqualTo(2);
    assertThat(SmsSegments.count("好".repeat(135)).segments()).isEqualTo(3);
  }
}
