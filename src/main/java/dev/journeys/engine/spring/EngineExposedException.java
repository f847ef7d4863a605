package dev.journeys.engine.spring;

/** The engine was asked to listen beyond loopback without authentication: start-up stops. */
class EngineExposedException extends IllegalStateException {

  EngineExposedException(String message) {
    super(message);
  }
}
