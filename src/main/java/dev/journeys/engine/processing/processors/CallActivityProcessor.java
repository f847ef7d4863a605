package dev.journeys.engine.processing.processors;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.CalledElement;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ContainerProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.ProcessRecord;
import java.util.Map;
import java.util.Optional;

/**
 * A call activity starts the latest version of the called process with the parent's variables (or
 * only its input mappings) and completes when that process instance completes.
 */
final class CallActivityProcessor implements ContainerProcessor {

  static final String CALLED_ELEMENT_ERROR = "CALLED_ELEMENT_ERROR";

  private final Processing p;

  CallActivityProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    CalledElement called = element.calledElement();
    // a static id is typed as Zeebe's StaticExpression types it: "123" is a number, and no process id
    EvaluationResult processId = called.processId().isStatic()
        ? EvaluationResult.ok(ZeebeValues.staticValue(called.processId().source()))
        : p.feel().evaluate(called.processId(), p.variables().visible(instance.key()), instance.elementId());
    if (processId.isFailure() || !(processId.value() instanceof String)) {
      String reason = processId.isFailure() ? processId.failure()
          : ZeebeValues.wrongType(called.processId(), "STRING", processId.value());
      p.incidents().raise(instance, "EXTRACT_VALUE_ERROR", reason, null);
      return;
    }
    Optional<ProcessRecord> definition = p.state().processes().latest((String) processId.value());
    if (definition.isEmpty()) {
      p.incidents().raise(instance, CALLED_ELEMENT_ERROR,
          "Expected process with BPMN process id '%s' to be deployed, but not found.".formatted(processId.value()), null);
      return;
    }
    Map<String, Object> variables = called.propagateAllParentVariables()
        ? p.variables().visible(instance.key())
        : p.variables().local(instance.key());
    p.bpmn().markActivated(instance);
    p.bpmn().createProcessInstance(definition.get(), variables, instance);
  }

  @Override
  public void onTerminate(ElementInstance instance, ElementModel element) {
    p.state().elementInstances().calledProcessInstance(instance.key()).ifPresent(p.bpmn()::terminate);
  }

  /** The called process instance completed: its root variables come back, and the activity completes. */
  @Override
  public void onChildCompleted(ElementInstance callActivity, ElementInstance calledProcess) {
    Map<String, Object> childVariables = p.variables().local(calledProcess.key());
    ElementModel element = p.bpmn().modelOf(callActivity);
    CalledElement called = element.calledElement();
    if (!element.outputs().isEmpty() || !called.propagateAllChildVariables()) {
      p.variables().setLocal(callActivity.key(), callActivity.processInstanceKey(), childVariables);
    } else {
      p.variables().propagate(callActivity.key(), childVariables);
    }
    p.bpmn().complete(callActivity, null);
  }
}
