package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ContainerProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/** An embedded subprocess: a scope of its own that completes when nothing inside it is active. */
final class SubProcessProcessor implements ContainerProcessor {

  private final Processing p;

  SubProcessProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    p.bpmn().markActivated(instance);
    p.bpmn().activate(element.noneStartEvent(), instance.withState(ElementInstance.LifecycleState.ACTIVATED));
  }

  @Override
  public void afterExecutionPathCompleted(ElementInstance container, ElementInstance completedChild) {
    p.bpmn().completeScopeIfDone(container.key());
  }
}
