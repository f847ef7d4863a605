package dev.journeys.engine.processing;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.ElementKind;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.ElementInstance.LifecycleState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * BPMN escalations, as Zeebe 8.8 throws them (its BpmnEventPublicationBehavior and
 * CatchEventAnalyzer). The search starts at the throwing event's flow scope and goes outwards, from a
 * called process to its call activity: in each scope the event subprocesses inside it come first,
 * then the boundary events attached to it, and an event with the thrown code before one that
 * catches every code. The first match takes the escalation, without variables; an interrupting one
 * ends the thrower with everything else it interrupts, a non-interrupting one lets the thrower
 * complete. An escalation nothing catches is no incident: the thrower completes as if it had not
 * thrown, and an intermediate throw event goes on. Within a process instance the search goes no
 * further out than a scope that an interrupting event subprocess already interrupted (it goes on at
 * the calling call activity, as Zeebe's does); a match in such a scope does not trigger, and an
 * interrupting one still keeps the thrower from completing, as in Zeebe.
 */
public final class EscalationBehavior {

  private final Processing p;

  EscalationBehavior(Processing p) {
    this.p = p;
  }

  /** The thrown code: a static one as written, an expression's value when it is a string; else null after an incident. */
  public String code(ElementInstance thrower, EventTrigger.Escalation escalation) {
    if (escalation.code().isStatic()) {
      return escalation.code().source();
    }
    EvaluationResult code = p.feel().evaluate(escalation.code(), p.variables().visible(thrower.key()), thrower.elementId());
    if (code.isFailure()) {
      p.incidents().raise(thrower, "EXTRACT_VALUE_ERROR", code.failure(), null);
      return null;
    }
    if (!(code.value() instanceof String text)) {
      p.incidents().raise(thrower, "EXTRACT_VALUE_ERROR", ZeebeValues.wrongType(escalation.code(), "STRING", code.value()), null);
      return null;
    }
    return text;
  }

  /** Throws the escalation; returns whether the thrower completes (false when an interrupting event caught it). */
  public boolean throwEscalation(ElementInstance thrower, String code) {
    ElementInstance start = p.state().elementInstances().find(thrower.flowScopeKey()).orElse(null);
    while (start != null) {
      for (ElementInstance scope = start; scope != null; scope = flowScopeOf(scope)) {
        Catch found = findIn(scope, code);
        if (found != null) {
          if (canTrigger(found.scope())) {
            if (found.event().kind() == ElementKind.BOUNDARY_EVENT) {
              p.events().triggerBoundary(found.scope(), found.event(), Map.of(), true);
            } else {
              p.events().triggerEventSubProcess(found.scope(), found.event().flowScope(), Map.of(), true);
            }
          }
          return !found.event().isInterrupting();
        }
      }
      start = callerOf(start);
    }
    return true;
  }

  private record Catch(ElementInstance scope, ElementModel event) {}

  private Catch findIn(ElementInstance scope, String code) {
    ElementModel element = p.bpmn().modelOf(scope);
    List<ElementModel> events = new ArrayList<>();
    if (element.kind().isContainer()) {
      element.eventSubProcesses().reversed().forEach(sub -> events.add(sub.eventStart()));
    }
    if (element.kind().isActivity()) {
      events.addAll(element.boundaryEvents());
    }
    ElementModel catchAll = null;
    for (ElementModel event : events) {
      if (event.trigger() instanceof EventTrigger.Escalation escalation && escalation.catchCode() != null) {
        if (escalation.catchCode().equals(code)) {
          return new Catch(scope, event);
        }
        if (escalation.catchesAll() && catchAll == null) {
          catchAll = event;
        }
      }
    }
    return catchAll == null ? null : new Catch(scope, catchAll);
  }

  /** The next scope out in the same process instance; none past an interrupted scope, as Zeebe's CatchEventAnalyzer. */
  private ElementInstance flowScopeOf(ElementInstance scope) {
    if (scope.isProcessInstance() || !isActive(scope) || interrupted(scope)) {
      return null;
    }
    return p.state().elementInstances().find(scope.flowScopeKey()).orElse(null);
  }

  /** The call activity that called the scope's process instance, while it is active. */
  private ElementInstance callerOf(ElementInstance scope) {
    return p.state().elementInstances().find(scope.processInstanceKey())
        .map(ElementInstance::parentElementInstanceKey)
        .flatMap(key -> p.state().elementInstances().find(key))
        .filter(EscalationBehavior::isActive)
        .orElse(null);
  }

  private static boolean isActive(ElementInstance instance) {
    return instance.state() == LifecycleState.ACTIVATING || instance.state() == LifecycleState.ACTIVATED;
  }

  private boolean canTrigger(ElementInstance scope) {
    return p.state().elementInstances().find(scope.key())
        .filter(current -> isActive(current) && !interrupted(current))
        .isPresent();
  }

  /** Whether an interrupting event subprocess runs in the scope. */
  private boolean interrupted(ElementInstance scope) {
    for (ElementInstance child : p.state().elementInstances().children(scope.key())) {
      if (ElementKind.EVENT_SUB_PROCESS.name().equals(child.kind())
          && p.bpmn().modelOf(child).eventStart().isInterrupting()) {
        return true;
      }
    }
    return false;
  }
}
