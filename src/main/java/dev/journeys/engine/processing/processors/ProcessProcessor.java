package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ContainerProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.processing.Rejection;
import dev.journeys.engine.processing.ResultWaiters.Waiter;
import dev.journeys.engine.state.ElementInstance;

/**
 * The process itself, created by BpmnExecutor#createProcessInstance. It completes once nothing inside
 * is active; then a caller awaiting the result gets its variables (a calling call activity hears of it
 * as that activity's container callback).
 */
final class ProcessProcessor implements ContainerProcessor {

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
  public void afterExecutionPathCompleted(ElementInstance container, ElementInstance completedChild) {
    p.bpmn().completeScopeIfDone(container.key());
  }

  @Override
  public boolean onComplete(ElementInstance instance, ElementModel element) {
    if (instance.parentElementInstanceKey() != null) {
      return true; // the call activity takes the variables (CallActivityProcessor#onChildCompleted)
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
}
