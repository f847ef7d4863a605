package dev.journeys.engine.processing.processors;

import dev.journeys.engine.dmn.DecisionResult;
import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.CalledDecision;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.DecisionStore.DecisionRecord;
import dev.journeys.engine.state.ElementInstance;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A business rule task, as Zeebe's BusinessRuleTaskProcessor runs it. With a zeebe:calledDecision it
 * evaluates the latest version of the decision over the variables visible to the task (after its
 * input mappings) and completes at once; the result becomes the result variable as a job's variables
 * would: local to the task when it has output mappings (which then read it), else propagated to the
 * scope that holds the variable or the process instance. Incidents as Zeebe raises them: the decision
 * id expression failing (EXTRACT_VALUE_ERROR), no such decision (CALLED_DECISION_ERROR), the
 * evaluation failing (DECISION_EVALUATION_ERROR); resolving one evaluates again. With a
 * zeebe:taskDefinition instead, it is a job worker task.
 */
final class BusinessRuleTaskProcessor implements ElementProcessor {

  static final String CALLED_DECISION_ERROR = "CALLED_DECISION_ERROR";
  static final String DECISION_EVALUATION_ERROR = "DECISION_EVALUATION_ERROR";

  private final Processing p;
  private final JobWorkerTaskProcessor jobWorker;

  BusinessRuleTaskProcessor(Processing p, JobWorkerTaskProcessor jobWorker) {
    this.p = p;
    this.jobWorker = jobWorker;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    CalledDecision called = element.calledDecision();
    if (called == null) {
      jobWorker.onActivate(instance, element);
      return;
    }
    Map<String, Object> variables = p.variables().visible(instance.key());
    EvaluationResult decisionId = called.decisionId().isStatic()
        ? EvaluationResult.ok(ZeebeValues.staticValue(called.decisionId().source()))
        : p.feel().evaluate(called.decisionId(), variables, instance.elementId());
    if (decisionId.isFailure() || !(decisionId.value() instanceof String id)) {
      String reason = decisionId.isFailure() ? decisionId.failure()
          : ZeebeValues.wrongType(called.decisionId(), "STRING", decisionId.value());
      p.incidents().raise(instance, "EXTRACT_VALUE_ERROR", reason, null);
      return;
    }
    Optional<DecisionRecord> decision = p.state().decisions().latestDecision(id);
    if (decision.isEmpty()) {
      p.incidents().raise(instance, CALLED_DECISION_ERROR,
          "Expected to evaluate decision '%s', but no decision found for id '%s'".formatted(id, id), null);
      return;
    }
    var drg = p.models().decisions().get(p.state().decisions(), decision.get().drgKey());
    DecisionResult result = p.models().decisions().engine().evaluate(drg, id, variables);
    if (result.isFailure()) {
      p.incidents().raise(instance, DECISION_EVALUATION_ERROR, result.failure(), null);
      return;
    }
    Map<String, Object> output = new HashMap<>();
    output.put(called.resultVariable(), result.output());
    p.bpmn().markActivated(instance);
    p.bpmn().completeWithVariables(instance, output);
  }

  @Override
  public void onTerminate(ElementInstance instance, ElementModel element) {
    if (element.calledDecision() == null) {
      jobWorker.onTerminate(instance, element);
    }
  }
}
