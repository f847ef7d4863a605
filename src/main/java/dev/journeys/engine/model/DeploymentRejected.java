package dev.journeys.engine.model;

/** A resource that cannot be deployed; the message names the resource, element and reason. */
public final class DeploymentRejected extends RuntimeException {
  public DeploymentRejected(String message) {
    super(message, null, false, false);
  }
}
