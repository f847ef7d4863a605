package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Phone numbers and quiet hours, without the app (segment counting: sms.SmsSegmentsTest). */
class SmsUnitsTest {

  @Test
  void nationalMobileNumbersAreNormalisedWithTheCustomersCountry() {
    assertThat(PhoneNumbers.mobile("0151 23456789", "DE").e164()).isEqualTo("+4915123456789");
    assertThat(PhoneNumbers.mobile("(201) 555-0123", "US").e164()).isEqualTo("+12015550123");
    assertThat(PhoneNumbers.mobile("+44 7911 123456", null).e164()).isEqualTo("+447911123456");
  }

  @Test
  void invalidNumbersAndLandlinesAreUndeliverable() {
    assertThat(PhoneNumbers.mobile("12", "DE").problem()).isEqualTo("invalid-number");
    assertThat(PhoneNumbers.mobile("not a number", "DE").problem()).isEqualTo("invalid-number");
    assertThat(PhoneNumbers.mobile("030 12345678", "DE").problem()).isEqualTo("not-a-mobile (fixed_line)");
    assertThat(PhoneNumbers.maskAll("The 'To' number +15005550001 is not valid")).doesNotContain("5550001");
  }

  @Test
  void quietHoursEndAtTheNextLocalMorning() {
    MutableClock clock = new MutableClock(Instant.parse("2030-06-03T20:30:00Z"));
    QuietHours quiet = new QuietHours(new QuietHoursProperties(java.util.Map.of(), ZoneId.of("UTC")), clock);
    // 22:30 in Berlin (summer time): held until 08:00 Berlin the next day.
    assertThat(quiet.holdUntil(new Channel("sms"), true, Purpose.TRANSACTIONAL, ZoneId.of("Europe/Berlin")))
        .contains(Instant.parse("2030-06-04T06:00:00Z"));
    // 16:30 in New York: sent now.
    assertThat(quiet.holdUntil(new Channel("sms"), true, Purpose.TRANSACTIONAL, ZoneId.of("America/New_York"))).isEmpty();
    // 04:30 in Shanghai: held until 08:00 the same day.
    assertThat(quiet.holdUntil(new Channel("sms"), true, Purpose.TRANSACTIONAL, ZoneId.of("Asia/Shanghai")))
        .contains(Instant.parse("2030-06-04T00:00:00Z"));
    // Email quiet hours are off by default (transactional email is exempt anyway: email.EmailQuietHoursTest).
    assertThat(quiet.holdUntil(Channel.EMAIL, false, Purpose.MARKETING, ZoneId.of("Europe/Berlin"))).isEmpty();
  }
}
