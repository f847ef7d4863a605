package dev.journeys.journey;

/** The engine did not take a message; publishing it again is safe (its id makes it idempotent). */
public class JourneyMessageNotPublishedException extends RuntimeException {

  JourneyMessageNotPublishedException(JourneyMessage message, Throwable cause) {
    super(
        "Expected to publish message '%s' for %s, but the engine answered: %s"
            .formatted(message.name(), message.correlationKey(), cause.getMessage()),
        cause);
  }
}
