package dev.journeys.notify;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Function;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Quiet hours per channel, in the customer's time zone: nobody wants a text at 3 a.m. Settings
 * journeys.notify.quiet-hours.{channel key}.enabled, .start and .end, for whichever channels exist
 * (read by key, so a new channel needs no field here). Each window runs from start (inclusive) to
 * end (exclusive) and may span midnight; unset fields take the defaults below, and whether a window
 * is on by default is the channel's to say ({@link MessageChannel#quietHoursByDefault()}; email's
 * is off, and the email channel never holds transactional email).
 *
 * @param configured the configured window of a channel key, or null when none is configured
 * @param defaultZone the zone for customers whose time zone is unknown
 */
record QuietHoursProperties(Function<String, Window> configured, ZoneId defaultZone) {

  static final String PREFIX = "journeys.notify.quiet-hours";
  static final LocalTime DEFAULT_START = LocalTime.of(21, 0);
  static final LocalTime DEFAULT_END = LocalTime.of(8, 0);

  /** A channel's window; every field may be unset, then the defaults apply. */
  record Window(Boolean enabled, LocalTime start, LocalTime end) {}

  /** Windows given by key, e.g. in tests. */
  QuietHoursProperties(Map<String, Window> windows, ZoneId defaultZone) {
    this((Function<String, Window>) windows::get, defaultZone);
  }

  /** The settings under journeys.notify.quiet-hours. */
  static QuietHoursProperties from(Environment environment) {
    Binder binder = Binder.get(environment);
    ZoneId zone = binder.bind(PREFIX + ".default-zone", ZoneId.class).orElse(ZoneId.of("UTC"));
    // Bound once per channel key: settings do not change while the app runs.
    Map<String, java.util.Optional<Window>> bound = new java.util.concurrent.ConcurrentHashMap<>();
    return new QuietHoursProperties(
        key -> bound.computeIfAbsent(key, k -> java.util.Optional.ofNullable(
            binder.bind(PREFIX + "." + k, Window.class).orElse(null))).orElse(null),
        zone);
  }

  /** The window that applies to a channel, defaults filled in; null when the channel has none. */
  Window window(Channel channel, boolean onByDefault) {
    Window window = configured.apply(channel.key());
    boolean enabled = window == null || window.enabled() == null ? onByDefault : window.enabled();
    if (!enabled) {
      return null;
    }
    return new Window(true,
        window == null || window.start() == null ? DEFAULT_START : window.start(),
        window == null || window.end() == null ? DEFAULT_END : window.end());
  }
}
