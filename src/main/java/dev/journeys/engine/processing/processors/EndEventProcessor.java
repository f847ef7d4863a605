package dev.journeys.engine.processing.processors;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.processing.IncidentBehavior;
import java.util.Map;
import dev.journeys.engine.processing.ElementProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;

/**
 * A none end event ends its token; a terminate end event first ends every other token in its scope;
 * an error end event throws a BPMN error to the nearest catching event, or raises an incident; a
 * signal end event broadcasts its signal; an escalation end event throws its escalation and, unless
 * an interrupting event caught it, ends its token (an escalation nothing catches is no incident in Zeebe).
 */
final class EndEventProcessor implements ElementProcessor {

  private final Processing p;

  EndEventProcessor(Processing p) {
    this.p = p;
  }

  @Override
  public void onActivate(ElementInstance instance, ElementModel element) {
    if (element.trigger() instanceof EventTrigger.Error error) {
      throwError(instance, element, error);
      return;
    }
    if (element.trigger() instanceof EventTrigger.Signal) {
      p.signals().throwSignal(instance, element);
      return;
    }
    if (element.trigger() instanceof EventTrigger.Escalation escalation) {
      throwEscalation(p, instance, escalation);
      return;
    }
    if (element.isTerminateEnd()) {
      for (ElementInstance sibling : p.state().elementInstances().children(instance.flowScopeKey())) {
        if (sibling.key() != instance.key()) {
          p.bpmn().terminate(sibling);
        }
      }
      p.state().gatewayTokens().deleteScope(instance.flowScopeKey());
      p.bpmn().clearPendingActivations(instance.flowScopeKey());
    }
    p.bpmn().complete(instance, null);
  }

  /** Throws the escalation of an end or intermediate throw event, then completes it unless it was interrupted. */
  static void throwEscalation(Processing p, ElementInstance instance, EventTrigger.Escalation escalation) {
    String code = p.escalations().code(instance, escalation);
    if (code == null) {
      return; // an incident; resolving it evaluates the code again
    }
    p.bpmn().markActivated(instance);
    if (p.escalations().throwEscalation(instance, code)) {
      p.bpmn().complete(instance, null);
    }
  }

  private void throwError(ElementInstance instance, ElementModel element, EventTrigger.Error error) {
    EvaluationResult code = p.feel().evaluate(error.code(), p.variables().visible(instance.key()), element.id());
    if (code.isFailure()) {
      p.incidents().raise(instance, "EXTRACT_VALUE_ERROR", code.failure(), null);
      return;
    }
    String errorCode = String.valueOf(code.value());
    if (!p.errors().throwError(instance, errorCode, Map.of())) {
      p.incidents().raise(instance, IncidentBehavior.UNHANDLED_ERROR_EVENT,
          "Expected to throw an error event with the code '%s', but it was not caught. No error events are available in the scope."
              .formatted(errorCode), null);
    }
  }
}
