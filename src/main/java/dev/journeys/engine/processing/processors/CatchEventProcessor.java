package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementKind;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/**
 * Intermediate message, timer and signal catch events, and receive tasks: open the subscription or timer
 * and wait. After an event-based gateway the event was already triggered, so it completes at once.
 */
final class CatchEventProcessor implements ElementProcessor {

  private final Processing p;

  CatchEventProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    boolean triggeredByGateway = element.incoming().stream()
        .anyMatch(flow -> flow.source().kind() == ElementKind.EVENT_BASED_GATEWAY);
    if (triggeredByGateway) {
      p.bpmn().complete(instance, null);
      return;
    }
    if (p.events().open(instance, element)) {
      p.bpmn().markActivated(instance); // after an incident it stays activating, so resolving retries the open
    }
  }
}
