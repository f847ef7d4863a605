package dev.journeys.engine.clock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that only moves when told to, for tests and simulations. Moving it wakes the engine, which
 * then fires everything that fell due, in due order.
 */
public final class ControlledClock implements EngineClock {

  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private volatile long now;

  public ControlledClock(Instant start) {
    this.now = start.toEpochMilli();
  }

  @Override
  public long millis() {
    return now;
  }

  public Instant instant() {
    return Instant.ofEpochMilli(now);
  }

  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("Expected a positive duration to move the clock, but got " + duration);
    }
    now += duration.toMillis();
    listeners.forEach(Runnable::run);
  }

  public void setTo(Instant instant) {
    if (instant.toEpochMilli() < now) {
      throw new IllegalArgumentException(
          "Expected the clock to move forward from " + instant() + ", but " + instant + " is earlier");
    }
    now = instant.toEpochMilli();
    listeners.forEach(Runnable::run);
  }

  @Override
  public void onMoved(Runnable listener) {
    listeners.add(listener);
  }
}
