package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each failed attempt at a message waits twice as long as the one before, up to the cap, or longer when the provider asks. */
class RetryBackoffTest {

  @Test
  void waitsDoubleFromTheBaseUpToTheCap() {
    NotifyProperties p = TestMessages.PROPERTIES; // 1 s, capped at 8 s

    assertThat(p.retryBackoff(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.retryBackoff(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.retryBackoff(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(p.retryBackoff(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.retryBackoff(5)).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.retryBackoff(1_000)).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.retryBackoff(0)).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void theDefaultsRideOutAQuarterOfAnHourWithTheJourneysEightRetries() {
    NotifyProperties p = new NotifyProperties(null, null, null, null, null, null, null, 3, Duration.ofMinutes(1),
        "x", "x", null, Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(5));
    Duration total = Duration.ZERO;
    for (int attempt = 1; attempt <= 7; attempt++) { // 8 retries: 7 waits between the 8 attempts
      total = total.plus(p.retryBackoff(attempt));
    }
    assertThat(total).isEqualTo(Duration.ofSeconds(10 + 20 + 40 + 80 + 160 + 300 + 300));
    assertThat(total).isGreaterThan(Duration.ofMinutes(15));
  }

  @Test
  void aProvidersRetryAfterIsHonouredButNeverShortensTheDoublingWait() {
    NotifyProperties p = TestMessages.PROPERTIES; // 1 s, capped at 8 s

    assertThat(p.retryBackoff(1, Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(p.retryBackoff(4, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(8));
    assertThat(p.retryBackoff(2, Duration.ofMillis(500))).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.retryBackoff(3, null)).isEqualTo(Duration.ofSeconds(4));
  }
}
