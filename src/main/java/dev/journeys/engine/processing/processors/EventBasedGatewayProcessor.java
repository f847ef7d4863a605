package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.FlowModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/** Waits on every event after it; the first to happen wins and the others are closed. */
final class EventBasedGatewayProcessor implements ElementProcessor {

  private final Processing p;

  EventBasedGatewayProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    for (FlowModel flow : element.outgoing()) {
      if (!p.events().open(instance, flow.target())) {
        return; // stays activating: resolving the incident closes what was opened and retries
      }
    }
    p.bpmn().markActivated(instance);
  }
}
