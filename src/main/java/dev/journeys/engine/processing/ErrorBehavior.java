package dev.journeys.engine.processing;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.state.ElementInstance;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * BPMN errors: from the throwing element outwards, the first boundary event or error event
 * subprocess whose code matches (or that catches every code) takes the error; errors cross from a
 * called process to its call activity. The error's variables stay local to the catching event.
 */
public final class ErrorBehavior {

  private final Processing p;

  ErrorBehavior(Processing p) {
    this.p = p;
  }

  /** Returns whether something caught the error; if so the thrower has been terminated. */
  public boolean throwError(ElementInstance thrower, String code, Map<String, Object> variables) {
    ElementInstance current = thrower;
    while (current != null) {
      ElementModel element = p.bpmn().modelOf(current);
      if (element.kind().isActivity()) {
        ElementModel boundary = match(element.boundaryEvents(), code);
        if (boundary != null) {
          p.events().triggerBoundary(current, boundary, variables, true);
          return true;
        }
      }
      ElementInstance scope = current.isProcessInstance() ? null
          : p.state().elementInstances().find(current.flowScopeKey()).orElse(null);
      if (scope != null) {
        List<ElementModel> starts = p.bpmn().modelOf(scope).eventSubProcesses().stream().map(ElementModel::eventStart).toList();
        ElementModel start = match(starts, code);
        if (start != null) {
          p.events().triggerEventSubProcess(scope, start.flowScope(), variables, true);
          return true;
        }
        current = scope;
      } else {
        current = current.parentElementInstanceKey() == null ? null
            : p.state().elementInstances().find(current.parentElementInstanceKey()).orElse(null);
      }
    }
    return false;
  }

  private ElementModel match(List<ElementModel> events, String code) {
    ElementModel catchAll = null;
    for (ElementModel event : events) {
      if (event.trigger() instanceof EventTrigger.Error error) {
        if (error.code() == null) {
          catchAll = catchAll == null ? event : catchAll;
        } else {
          EvaluationResult value = p.feel().evaluate(error.code(), Map.of(), event.id());
          if (!value.isFailure() && Objects.equals(String.valueOf(value.value()), code)) {
            return event;
          }
        }
      }
    }
    return catchAll;
  }
}
