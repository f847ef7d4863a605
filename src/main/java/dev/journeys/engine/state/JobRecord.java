package dev.journeys.engine.state;

/** A job for a worker; state ACTIVATABLE, ACTIVATED, BACKOFF (waiting until dueAt) or FAILED (incident). */
public record JobRecord(
    long key,
    String type,
    JobState state,
    int retries,
    Long dueAt,
    String worker,
    long elementInstanceKey,
    String elementId,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    int processVersion,
    String customHeaders,
    String errorMessage,
    String tenantId) {

  /** Where a job is: with workers, waiting for them, backing off, or stuck in an incident. */
  public enum JobState {
    ACTIVATABLE,
    ACTIVATED,
    BACKOFF,
    FAILED
  }
}
