package dev.journeys.simulate;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * journeys.simulate.
 *
 * @param maxDuration the wall-clock time one simulation may take once its application has started
 *     (start-up takes what it takes on the machine, whatever the scenario); past it the simulation stops with an error naming the scenario and this limit, and
 *     its application is closed. A year of a journey usually takes seconds; this bounds a journey
 *     whose timers never let the clock get far (a one-minute cycle over a year) and an app that
 *     never settles, both of which would otherwise hold the simulator (one at a time) for hours.
 */
@ConfigurationProperties("journeys.simulate")
public record SimulateProperties(@DefaultValue("60s") Duration maxDuration) {

  public SimulateProperties {
    if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
      throw new IllegalArgumentException("Expected journeys.simulate.max-duration to be positive, but it is " + maxDuration);
    }
  }
}
