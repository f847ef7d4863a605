package dev.journeys.journey;

/** The engine refused to cancel a journey, or could not be reached; trying again may succeed. */
public class JourneyNotCancelledException extends RuntimeException {

  public JourneyNotCancelledException(long processInstanceKey, Throwable cause) {
    super("Expected to cancel journey %d, but: %s".formatted(processInstanceKey, cause.getMessage()), cause);
  }
}
