package dev.journeys.journey;

/** The engine did not start a journey; nothing was started, so the caller may retry. */
public class JourneyNotStartedException extends RuntimeException {

  JourneyNotStartedException(String bpmnProcessId, String orderId, Throwable cause) {
    super(
        "Expected to start journey '%s' for order %s, but the engine answered: %s"
            .formatted(bpmnProcessId, orderId, cause.getMessage()),
        cause);
  }
}
