package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/**
 * Elements that complete as soon as they are active: a boundary event, which is only activated once
 * its trigger has happened.
 */
final class PassThroughProcessor implements ElementProcessor {

  private final Processing p;

  PassThroughProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    p.bpmn().complete(instance, null);
  }
}
