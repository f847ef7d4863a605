package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ContainerProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/**
 * An event subprocess, activated once its start event's trigger happened in the enclosing scope;
 * that scope completes only after it.
 */
final class EventSubProcessProcessor implements ContainerProcessor {

  private final Processing p;

  EventSubProcessProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    p.bpmn().markActivated(instance);
    p.bpmn().activate(element.eventStart(), instance.withState(ElementInstance.LifecycleState.ACTIVATED));
  }

  @Override
  public void afterExecutionPathCompleted(ElementInstance container, ElementInstance completedChild) {
    p.bpmn().completeScopeIfDone(container.key());
  }
}
