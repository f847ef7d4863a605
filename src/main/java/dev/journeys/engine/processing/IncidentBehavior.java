package dev.journeys.engine.processing;

import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.IncidentRecord;
import dev.journeys.engine.state.JobRecord;
import dev.journeys.engine.state.JobRecord.JobState;

/** Raises incidents where an element cannot go on, and resolves them to resume it. */
public final class IncidentBehavior {

  public static final String JOB_NO_RETRIES = "JOB_NO_RETRIES";
  public static final String UNHANDLED_ERROR_EVENT = "UNHANDLED_ERROR_EVENT";

  private final Processing p;

  IncidentBehavior(Processing p) {
    this.p = p;
  }

  public void raise(ElementInstance instance, String errorType, String message, Long jobKey) {
    String bpmnProcessId = p.state().processes().byKey(instance.processDefinitionKey())
        .map(d -> d.bpmnProcessId()).orElse("");
    p.state().incidents().insert(new IncidentRecord(
        p.nextKey(), errorType, message, instance.elementId(), instance.key(), instance.processInstanceKey(),
        instance.processDefinitionKey(), bpmnProcessId, jobKey, Processing.DEFAULT_TENANT), p.now());
  }

  public void raiseForJob(JobRecord job, String errorType, String message) {
    p.state().incidents().insert(new IncidentRecord(
        p.nextKey(), errorType, message, job.elementId(), job.elementInstanceKey(), job.processInstanceKey(),
        job.processDefinitionKey(), job.bpmnProcessId(), job.key(), job.tenantId()), p.now());
  }

  public void resolve(long incidentKey) {
    IncidentRecord incident = p.state().incidents().find(incidentKey).orElseThrow(() -> Rejection.notFound(
        "Expected to resolve incident with key '%d', but no such incident was found", incidentKey));
    if (incident.jobKey() != null) {
      resolveJobIncident(incident);
      return;
    }
    p.state().incidents().delete(incidentKey);
    p.state().elementInstances().find(incident.elementInstanceKey()).ifPresent(p.bpmn()::retry);
  }

  private void resolveJobIncident(IncidentRecord incident) {
    JobRecord job = p.state().jobs().find(incident.jobKey()).orElse(null);
    if (job != null && JOB_NO_RETRIES.equals(incident.errorType()) && job.retries() <= 0) {
      throw Rejection.invalidState(
          "Expected to resolve incident with key '%d', but job with key '%d' has no retries left; "
              + "update the job's retries first",
          incident.key(), job.key());
    }
    p.state().incidents().delete(incident.key());
    if (job != null && job.state() == JobState.FAILED) {
      int retries = Math.max(job.retries(), 1);
      p.state().jobs().updateState(job.key(), JobState.ACTIVATABLE, retries, null, job.errorMessage());
      p.effects().jobAvailable(job.type());
    }
  }

  void removeAllOf(long elementInstanceKey) {
    p.state().incidents().ofElementInstance(elementInstanceKey)
        .forEach(incident -> p.state().incidents().delete(incident.key()));
  }
}
