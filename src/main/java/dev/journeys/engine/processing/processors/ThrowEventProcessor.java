package dev.journeys.engine.processing.processors;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/**
 * Intermediate throw events: a none event completes at once (applying its output mappings); an
 * escalation event throws its escalation first (EscalationBehavior) and then completes and goes on,
 * unless an interrupting event caught the escalation and ended it; a signal event broadcasts its
 * signal (SignalBehavior) and completes. An escalation code or signal name that cannot be evaluated
 * is an extract-value incident on the event.
 */
final class ThrowEventProcessor implements ElementProcessor {

  private final Processing p;

  ThrowEventProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    if (element.trigger() instanceof EventTrigger.Escalation escalation) {
      EndEventProcessor.throwEscalation(p, instance, escalation);
      return;
    }
    if (element.trigger() instanceof EventTrigger.Signal) {
      p.signals().throwSignal(instance, element);
      return;
    }
    p.bpmn().complete(instance, null);
  }
}
