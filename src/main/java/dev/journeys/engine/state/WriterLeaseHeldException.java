package dev.journeys.engine.state;

/** Another live engine holds the database's writer lease, so this one refuses to start. */
public final class WriterLeaseHeldException extends IllegalStateException {

  public WriterLeaseHeldException(String message) {
    super(message);
  }
}
