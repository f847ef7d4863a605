package dev.journeys.journey;

/**
 * In camunda mode, the configured Camunda 8 cluster did not answer at start-up. Fails start-up: a
 * Journeys that cannot reach its engine would accept orders it can never start journeys for.
 */
class CamundaClusterUnreachableException extends IllegalStateException {

  private final String address;

  CamundaClusterUnreachableException(String address, String reason, Throwable cause) {
    super("Expected a Camunda 8 cluster at " + address + ", but " + reason, cause);
    this.address = address;
  }

  /** The address start-up tried, as the Camunda client was configured with it. */
  String address() {
    return address;
  }
}
