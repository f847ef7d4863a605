package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/** A none start event: passes straight through. */
final class StartEventProcessor implements ElementProcessor {

  private final Processing p;

  StartEventProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    p.bpmn().complete(instance, null);
  }
}
