package dev.journeys.engine.clock;

/** The one source of time for the engine: job deadlines, backoffs, timers, message TTLs. */
public interface EngineClock {

  /** Milliseconds since the epoch. */
  long millis();

  /** Registers a callback run whenever the clock is moved by hand; the system clock never calls it. */
  default void onMoved(Runnable listener) {}

  static EngineClock system() {
    return System::currentTimeMillis;
  }
}
