package dev.journeys.engine.timer;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;

/** An ISO-8601 duration with calendar and clock parts, e.g. {@code P1Y}, {@code P1DT12H}, {@code PT10S}. */
record IsoDuration(Period period, Duration duration) {

  static IsoDuration parse(String text) {
    String value = text.strip();
    if (!value.startsWith("P") && !value.startsWith("-P")) {
      throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration");
    }
    int t = value.indexOf('T');
    String datePart = t < 0 ? value : value.substring(0, t);
    Period period = datePart.equals("P") ? Period.ZERO : Period.parse(datePart);
    Duration duration = t < 0 ? Duration.ZERO : Duration.parse("PT" + value.substring(t + 1));
    IsoDuration parsed = new IsoDuration(period, duration);
    if (period.isNegative() || duration.isNegative()) {
      throw new IllegalArgumentException("'" + text + "' is a negative duration");
    }
    return parsed;
  }

  Instant addTo(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).plus(period).plus(duration).toInstant();
  }

  boolean isZero() {
    return period.isZero() && duration.isZero();
  }
}
