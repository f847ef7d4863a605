package dev.journeys.notify;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Decides whether a message due now falls inside the recipient's quiet hours, and until when. */
@Component
class QuietHours {

  private final QuietHoursProperties properties;
  private final Clock clock;

  @Autowired
  QuietHours(Environment environment, Clock clock) {
    this(QuietHoursProperties.from(environment), clock);
  }

  QuietHours(QuietHoursProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * @param zone the customer's zone; null for the configured default
   * @return when the quiet hours end (the next end time, local), or empty to send now
   */
  Optional<Instant> holdUntil(MessageChannel channel, Purpose purpose, ZoneId zone) {
    return holdUntil(channel.channel(), channel.quietHoursByDefault(), purpose, zone);
  }

  /** @param onByDefault whether the channel is quiet at night unless configured otherwise */
  Optional<Instant> holdUntil(Channel channel, boolean onByDefault, Purpose purpose, ZoneId zone) {
    QuietHoursProperties.Window window = properties.window(channel, onByDefault);
    if (window == null || window.start().equals(window.end())) {
      return Optional.empty();
    }
    ZonedDateTime now = clock.instant().atZone(zone == null ? properties.defaultZone() : zone);
    return inside(now.toLocalTime(), window.start(), window.end())
        ? Optional.of(nextEnd(now, window.end()).toInstant())
        : Optional.empty();
  }

  private static boolean inside(LocalTime time, LocalTime start, LocalTime end) {
    return start.isBefore(end)
        ? !time.isBefore(start) && time.isBefore(end)
        // Spans midnight: 21:00–08:00 is 21:00..24:00 and 00:00..08:00.
        : !time.isBefore(start) || time.isBefore(end);
  }

  /** The next local end time; a DST gap moves it forward, which is fine for a wake-up time. */
  private static ZonedDateTime nextEnd(ZonedDateTime now, LocalTime end) {
    ZonedDateTime today = now.with(end).withSecond(0).withNano(0);
    return today.isAfter(now) ? today : today.plusDays(1).with(end);
  }
}
