package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementKind;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.processing.Rejection;
import dev.journeys.engine.processing.ResultWaiters.Waiter;
import dev.journeys.engine.state.ElementInstance;
import java.util.Map;

/**
 * The process itself, created by BpmnExecutor#createProcessInstance; on completion
 * it hands its variables to the calling call activity, or to a caller awaiting the result.
 */
final class ProcessProcessor implements ElementProcessor {

  private final Processing p;

  ProcessProcessor(Processing p) {
    this.p = p;
  }

  /** Only after an incident while opening the process's event subprocesses was resolved. */
  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    p.bpmn().markActivated(instance);
    ElementModel start = element.noneStartEvent() != null ? element.noneStartEvent() : element.triggeredStartEvents().get(0);
    p.bpmn().activate(start, instance.withState(ElementInstance.LifecycleState.ACTIVATED));
  }

  @Override
  public boolean onComplete(ElementInstance instance, ElementModel element) {
    if (instance.parentElementInstanceKey() != null) {
      Map<String, Object> variables = p.variables().local(instance.key());
      p.state().elementInstances().find(instance.parentElementInstanceKey()).ifPresent(callActivity ->
          callActivityProcessor().calledProcessCompleted(callActivity, variables));
      return true;
    }
    Waiter waiter = p.resultWaiters().take(instance.key());
    if (waiter != null) {
      String document = p.variables().document(instance.key(), waiter.fetchVariables());
      p.effects().afterCommit(() -> waiter.result().complete(document));
    }
    return true;
  }

  @Override
  public void onTerminate(ElementInstance instance, ElementModel element) {
    Waiter waiter = p.resultWaiters().take(instance.key());
    if (waiter != null) {
      p.effects().afterCommit(() -> waiter.result().completeExceptionally(Rejection.invalidState(
          "Expected process instance '%d' to complete, but it was terminated", instance.key())));
    }
  }

  private CallActivityProcessor callActivityProcessor() {
    return (CallActivityProcessor) p.bpmn().processor(ElementKind.CALL_ACTIVITY);
  }
}
