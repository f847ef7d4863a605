package dev.journeys.security;

/** The dev profile is active and a port would answer beyond this machine: start-up stops. */
class DevProfileExposedException extends IllegalStateException {

  DevProfileExposedException(String message) {
    super(message);
  }
}
