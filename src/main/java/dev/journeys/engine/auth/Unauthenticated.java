package dev.journeys.engine.auth;

/**
 * A caller whose credentials are missing or wrong: gRPC answers {@code UNAUTHENTICATED} (as Zeebe's
 * gateway does), REST 401. The message names what is missing or wrong, never the secret itself.
 */
public final class Unauthenticated extends RuntimeException {

  public Unauthenticated(String message) {
    super(message, null, false, false);
  }
}
