package dev.journeys.engine.spring;

import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.engine.clock.EngineClock;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The engine's clock, and the application's one {@link Clock} (see dev.journeys.AppClock) as a view
 * of it: when the engine clock is controlled, every module's "now" moves with it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "journeys.engine.mode", havingValue = "embedded", matchIfMissing = true)
class EngineClockConfiguration {

  @Bean
  EngineClock journeysEngineClock(EngineProperties properties) {
    return switch (properties.clock()) {
      case "system" -> EngineClock.system();
      case "controlled" -> new ControlledClock(
          properties.clockStart() == null ? Instant.now() : properties.clockStart());
      default -> throw new IllegalArgumentException(
          "Expected journeys.engine.clock to be 'system' or 'controlled', but it is '" + properties.clock() + "'");
    };
  }

  @Bean
  Clock journeysClock(EngineClock clock) {
    return new EngineWallClock(clock);
  }

  /** A read-only java.time view of the engine clock, in UTC unless asked for another zone. */
  static final class EngineWallClock extends Clock {

    private final EngineClock clock;
    private final ZoneId zone;

    EngineWallClock(EngineClock clock) {
      this(clock, ZoneOffset.UTC);
    }

    private EngineWallClock(EngineClock clock, ZoneId zone) {
      this.clock = clock;
      this.zone = zone;
    }

    @Override
    public long millis() {
      return clock.millis();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(clock.millis());
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
      return new EngineWallClock(clock, newZone);
    }
  }
}
