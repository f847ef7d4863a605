package dev.journeys.notify;

import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quiet hours per channel, in the customer's time zone: nobody wants a text at 3 a.m. Each window
 * runs from start (inclusive) to end (exclusive) and may span midnight. Unset fields take the
 * defaults below; transactional email is always exempt (an order confirmation is expected at once).
 *
 * @param sms on by default, 21:00–08:00
 * @param push on by default, 21:00–08:00 (push is not delivered yet; kept for when it is)
 * @param email off by default; when enabled it holds marketing email only
 * @param defaultZone the zone for customers whose time zone is unknown
 */
@ConfigurationProperties("journeys.notify.quiet-hours")
record QuietHoursProperties(
    Window sms, Window push, Window email, @DefaultValue("UTC") ZoneId defaultZone) {

  static final LocalTime DEFAULT_START = LocalTime.of(21, 0);
  static final LocalTime DEFAULT_END = LocalTime.of(8, 0);

  /** A channel's window; every field may be unset, then the defaults apply. */
  record Window(Boolean enabled, LocalTime start, LocalTime end) {}

  /** The window that applies to a channel, defaults filled in; null when the channel has none. */
  Window window(Channel channel) {
    Window configured = switch (channel) {
      case SMS -> sms;
      case PUSH -> push;
      case EMAIL -> email;
    };
    boolean onByDefault = channel != Channel.EMAIL;
    boolean enabled = configured == null || configured.enabled() == null ? onByDefault : configured.enabled();
    if (!enabled) {
      return null;
    }
    return new Window(true,
        configured == null || configured.start() == null ? DEFAULT_START : configured.start(),
        configured == null || configured.end() == null ? DEFAULT_END : configured.end());
  }
}
