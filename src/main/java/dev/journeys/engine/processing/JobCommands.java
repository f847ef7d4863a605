package dev.journeys.engine.processing;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.JobRecord;
import dev.journeys.engine.state.JobRecord.JobState;
import java.util.Map;

/** What workers and operators do to jobs: complete, fail, throw an error, change retries or timeout. */
public final class JobCommands {

  private final Processing p;

  public JobCommands(Processing p) {
    this.p = p;
  }

  public void complete(long jobKey, String variablesDocument) {
    JobRecord job = p.jobs().find(jobKey, "complete");
    if (job.state() != JobState.ACTIVATED && job.state() != JobState.ACTIVATABLE) {
      throw Rejection.invalidState(
          "Expected to complete job with key '%d', but it is in state '%s'", jobKey, job.state());
    }
    Map<String, Object> variables = Variables.parseDocument(variablesDocument, "variables");
    ElementInstance instance = elementOf(job);
    p.state().jobs().delete(jobKey);
    ElementModel element = p.bpmn().modelOf(instance);
    if (element.outputs().isEmpty()) {
      p.variables().propagate(instance.key(), variables);
    } else {
      p.variables().setLocal(instance.key(), instance.processInstanceKey(), variables);
    }
    p.bpmn().complete(instance, null);
  }

  public void fail(long jobKey, int retries, String errorMessage, long backoff, String variablesDocument) {
    JobRecord job = p.jobs().find(jobKey, "fail");
    if (job.state() != JobState.ACTIVATED && job.state() != JobState.ACTIVATABLE) {
      throw Rejection.invalidState(
          "Expected to fail job with key '%d', but it is in state '%s'", jobKey, job.state());
    }
    Map<String, Object> variables = Variables.parseDocument(variablesDocument, "variables");
    ElementInstance instance = elementOf(job);
    p.variables().setLocal(instance.key(), instance.processInstanceKey(), variables);
    String message = errorMessage == null || errorMessage.isEmpty() ? null : errorMessage;
    if (retries > 0 && backoff > 0) {
      p.state().jobs().updateState(jobKey, JobState.BACKOFF, retries, p.now() + backoff, message);
      p.effects().dueAt(p.now() + backoff);
    } else if (retries > 0) {
      p.state().jobs().updateState(jobKey, JobState.ACTIVATABLE, retries, null, message);
      p.effects().jobAvailable(job.type());
    } else {
      p.state().jobs().updateState(jobKey, JobState.FAILED, retries, null, message);
      p.incidents().raiseForJob(job, IncidentBehavior.JOB_NO_RETRIES,
          message == null ? "No more retries left." : message);
    }
  }

  public void throwError(long jobKey, String errorCode, String errorMessage, String variablesDocument) {
    JobRecord job = p.jobs().find(jobKey, "throw an error for");
    if (job.state() != JobState.ACTIVATED && job.state() != JobState.ACTIVATABLE) {
      throw Rejection.invalidState(
          "Expected to throw an error for job with key '%d', but it is in state '%s'", jobKey, job.state());
    }
    if (errorCode == null || errorCode.isBlank()) {
      throw Rejection.invalidArgument("Expected an errorCode to throw, but it is empty");
    }
    Map<String, Object> variables = Variables.parseDocument(variablesDocument, "variables");
    ElementInstance instance = elementOf(job);
    if (p.errors().throwError(instance, errorCode, variables)) {
      return; // the catching event terminated the task, and with it the job
    }
    p.variables().setLocal(instance.key(), instance.processInstanceKey(), variables);
    p.state().jobs().updateState(jobKey, JobState.FAILED, job.retries(), null, errorMessage);
    p.incidents().raiseForJob(job, IncidentBehavior.UNHANDLED_ERROR_EVENT,
        "Expected to throw an error event with the code '%s' with message '%s', but it was not caught. "
            .formatted(errorCode, errorMessage == null ? "" : errorMessage)
            + "No error events are available in the scope.");
  }

  public void updateRetries(long jobKey, int retries) {
    if (retries < 1) {
      throw Rejection.invalidArgument(
          "Expected to update retries of job with key '%d' to a number of at least 1, but got %d", jobKey, retries);
    }
    p.jobs().find(jobKey, "update retries of");
    p.state().jobs().updateRetries(jobKey, retries);
  }

  public void updateTimeout(long jobKey, long timeout) {
    JobRecord job = p.jobs().find(jobKey, "update the timeout of");
    if (job.state() != JobState.ACTIVATED) {
      throw Rejection.invalidState(
          "Expected to update the timeout of job with key '%d', but it is not activated", jobKey);
    }
    p.state().jobs().updateDeadline(jobKey, p.now() + timeout);
    p.effects().dueAt(p.now() + timeout);
  }

  private ElementInstance elementOf(JobRecord job) {
    return p.state().elementInstances().find(job.elementInstanceKey()).orElseThrow(() -> new IllegalStateException(
        "Expected job " + job.key() + " to belong to an active element instance, but it does not"));
  }
}
