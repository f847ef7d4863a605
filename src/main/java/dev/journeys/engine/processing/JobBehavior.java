package dev.journeys.engine.processing;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.Expression;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.TaskDefinition;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.JobRecord;
import dev.journeys.engine.state.JobRecord.JobState;
import dev.journeys.engine.state.ProcessRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Jobs for service and send tasks: creation, activation by workers, and their outcomes. */
public final class JobBehavior {

  static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";

  /** A job handed to a worker, with the variables it asked for. */
  public record ActivatedJob(JobRecord job, String variables) {}

  private final Processing p;

  JobBehavior(Processing p) {
    this.p = p;
  }

  /**
   * Creates the job of a task; false when its type or retries could not be evaluated. As in Zeebe
   * (BpmnJobBehavior.evaluateJobExpressions), the type must be a non-empty string and the retries a
   * number, a static value typed as Zeebe's StaticExpression types it: static retries "three" are
   * deployed and become an EXTRACT_VALUE_ERROR incident here, on every attempt until fixed.
   */
  public boolean create(ElementInstance instance, ElementModel element) {
    TaskDefinition definition = element.taskDefinition();
    Map<String, Object> variables = definition.type().isStatic() && definition.retries().isStatic()
        ? Map.of() : p.variables().visible(instance.key());
    EvaluationResult type = evaluate(definition.type(), variables, element);
    String failure = type.failure();
    if (failure == null && !(type.value() instanceof String)) {
      failure = ZeebeValues.wrongType(definition.type(), "STRING", type.value());
    }
    if (failure == null && ((String) type.value()).isEmpty()) {
      failure = "Expected result of the expression '%s' to be a not-empty string, but was an empty string."
          .formatted(ZeebeValues.text(definition.type()));
    }
    // not after a failed type: a type that ran past its bound must not cost the writer a second bound
    EvaluationResult retries = failure == null ? evaluate(definition.retries(), variables, element) : null;
    if (failure == null && retries.isFailure()) {
      failure = retries.failure();
    }
    if (failure == null && !(retries.value() instanceof Number)) {
      failure = ZeebeValues.wrongType(definition.retries(), "NUMBER", retries.value());
    }
    if (failure != null) {
      p.incidents().raise(instance, EXTRACT_VALUE_ERROR, failure, null);
      return false;
    }
    int retryCount = ((Number) retries.value()).intValue();
    ProcessRecord definitionRecord = p.state().processes().byKey(instance.processDefinitionKey()).orElseThrow();
    String jobType = (String) type.value();
    p.state().jobs().insert(new JobRecord(
        p.nextKey(), jobType, JobState.ACTIVATABLE, retryCount, null, null, instance.key(), element.id(),
        instance.processInstanceKey(), instance.processDefinitionKey(), definitionRecord.bpmnProcessId(),
        definitionRecord.version(), Variables.toJson(definition.headers()), null, Processing.DEFAULT_TENANT), p.now());
    p.effects().jobAvailable(jobType);
    return true;
  }

  private EvaluationResult evaluate(Expression expression, Map<String, Object> variables, ElementModel element) {
    return ZeebeValues.evaluate(p.feel(), expression, variables, element.id());
  }

  public void cancel(long elementInstanceKey) {
    p.state().jobs().findByElementInstance(elementInstanceKey).ifPresent(job -> p.state().jobs().delete(job.key()));
  }

  public List<ActivatedJob> activate(String type, String worker, long timeout, int max, Collection<String> fetch) {
    List<ActivatedJob> activated = new ArrayList<>();
    long deadline = p.now() + timeout;
    for (JobRecord job : p.state().jobs().activatable(type, max)) {
      if (job.worker() == null && p.reporting()) {
        long waited = p.now() - p.state().jobs().createdAt(job.key());
        p.report(listener -> listener.jobActivated(type, waited));
      }
      p.state().jobs().markActivated(job.key(), worker, deadline);
      JobRecord active = new JobRecord(
          job.key(), job.type(), JobState.ACTIVATED, job.retries(), deadline, worker, job.elementInstanceKey(),
          job.elementId(), job.processInstanceKey(), job.processDefinitionKey(), job.bpmnProcessId(),
          job.processVersion(), job.customHeaders(), job.errorMessage(), job.tenantId());
      activated.add(new ActivatedJob(active, p.variables().document(job.elementInstanceKey(), fetch)));
    }
    if (!activated.isEmpty()) {
      p.effects().dueAt(deadline);
    }
    return activated;
  }

  JobRecord find(long jobKey, String action) {
    return p.state().jobs().find(jobKey).orElseThrow(() -> Rejection.notFound(
        "Expected to %s job with key '%d', but no such job was found", action, jobKey));
  }

  /** Makes timed-out activations and finished backoffs available to workers again. */
  void releaseDue() {
    for (JobRecord job : p.state().jobs().due(p.now(), 1000)) {
      p.state().jobs().updateState(job.key(), JobState.ACTIVATABLE, job.retries(), null, job.errorMessage());
      p.effects().jobAvailable(job.type());
    }
  }
}
