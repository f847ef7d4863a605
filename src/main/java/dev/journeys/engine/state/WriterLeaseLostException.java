package dev.journeys.engine.state;

/** This engine's writer lease was taken over by another engine: it must stop writing at once. */
public final class WriterLeaseLostException extends IllegalStateException {

  public WriterLeaseLostException(String message) {
    super(message);
  }
}
