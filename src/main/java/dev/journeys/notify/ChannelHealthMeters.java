package dev.journeys.notify;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Each channel's health (/actuator/health/channels/{key}) as a gauge, so Prometheus can alert when
 * the SMTP server or the SMS provider is down: 1 up, 0 down, NaN not known yet. A check may wait
 * seconds for a provider that does not answer, so a scrape never runs one: it reads the last result
 * and, when that is older than {@link #MAX_AGE}, starts a fresh check in the background.
 */
@Component
public class ChannelHealthMeters {

  /** Gauge: 1 while the channel's way out (SMTP server, provider API, sandbox) is up, 0 while down; tag {@code channel}. */
  public static final String CHANNEL_UP = "journeys.channel.up";

  public static final Map<String, Meter.Type> CATALOGUE = Map.of(CHANNEL_UP, Meter.Type.GAUGE);

  static final Duration MAX_AGE = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(ChannelHealthMeters.class);

  ChannelHealthMeters(MeterRegistry registry, Channels channels) {
    for (MessageChannel channel : channels.all()) {
      Checked checked = new Checked(channel);
      Gauge.builder(CHANNEL_UP, checked, Checked::value)
          .description("1 while the channel's way out is up, 0 while it is down (its health check)")
          .tag("channel", channel.channel().key())
          .register(registry);
      checked.refresh();
    }
  }

  /** One channel's last check. */
  private static final class Checked {
    private final MessageChannel channel;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile double value = Double.NaN;
    private volatile long checkedAt = System.nanoTime() - MAX_AGE.toNanos() * 2;

    Checked(MessageChannel channel) {
      this.channel = channel;
    }

    double value() {
      if (System.nanoTime() - checkedAt > MAX_AGE.toNanos()) {
        refresh();
      }
      return value;
    }

    void refresh() {
      if (!checking.compareAndSet(false, true)) {
        return;
      }
      Thread.ofVirtual().name("channel-health-" + channel.channel().key()).start(() -> {
        try {
          Health health = channel.health();
          value = Status.UP.equals(health.getStatus()) ? 1 : Status.UNKNOWN.equals(health.getStatus()) ? Double.NaN : 0;
        } catch (RuntimeException e) {
          log.debug("Health check of channel {} failed: {}", channel.channel().key(), e.getMessage());
          value = 0;
        } finally {
          checkedAt = System.nanoTime();
          checking.set(false);
        }
      });
    }
  }
}
