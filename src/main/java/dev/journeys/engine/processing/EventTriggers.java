package dev.journeys.engine.processing;

import dev.journeys.engine.model.ElementKind;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.model.FlowModel;
import dev.journeys.engine.state.ElementInstance;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;

/**
 * Opens and closes what an element instance waits for (message subscriptions and timers of its own
 * catch event, its boundary events, its event subprocesses, or the events after an event-based
 * gateway), and turns a trigger into the right token movement.
 */
public final class EventTriggers {

  private final Processing p;
  private final Set<Long> interrupted = new HashSet<>();

  EventTriggers(Processing p) {
    this.p = p;
  }

  /**
   * Whether opening the events of this element instance already triggered one that interrupted it
   * (a buffered message for an interrupting boundary or event subprocess): then it must not go on.
   */
  boolean interruptedWhileOpening(long instanceKey) {
    return interrupted.contains(instanceKey) || p.state().elementInstances().find(instanceKey).isEmpty();
  }

  /** Forgets interruptions once the command that saw them is done. */
  void clearInterruptions() {
    interrupted.clear();
  }

  /** Opens boundary events of an activity and event subprocess starts of a container; false after an incident. */
  boolean openAttached(ElementInstance instance, ElementModel element) {
    if (element.kind().isActivity()) {
      for (ElementModel boundary : element.boundaryEvents()) {
        if (!open(instance, boundary)) {
          return false;
        }
      }
    }
    if (element.kind().isContainer()) {
      for (ElementModel eventSubProcess : element.eventSubProcesses()) {
        if (!open(instance, eventSubProcess.eventStart())) {
          return false;
        }
      }
    }
    return true;
  }

  /** Opens the event {@code event} on behalf of the waiting {@code owner}; false after an incident. */
  public boolean open(ElementInstance owner, ElementModel event) {
    EventTrigger trigger = event.trigger();
    if (trigger instanceof EventTrigger.Message message) {
      return p.messages().subscribe(owner, event, message);
    }
    if (trigger instanceof EventTrigger.Timer timer) {
      return p.timers().schedule(owner, event, timer);
    }
    if (trigger instanceof EventTrigger.Signal signal) {
      return p.signals().subscribe(owner, event, signal);
    }
    return true; // errors need no subscription; they are looked up when thrown
  }

  void close(long ownerKey) {
    p.state().subscriptions().deleteOfOwner(ownerKey);
    p.state().timers().deleteOfOwner(ownerKey);
    p.state().signalSubscriptions().deleteOfOwner(ownerKey);
  }

  /**
   * The event {@code elementId} owned by {@code owner} was triggered (by a message, a timer or a signal).
   * Returns whether the owner keeps waiting (a non-interrupting event).
   */
  boolean trigger(ElementInstance owner, String elementId, Map<String, Object> variables) {
    ElementModel event = model(owner).element(elementId);
    ElementModel ownerElement = p.bpmn().modelOf(owner);
    if (event.kind() == ElementKind.BOUNDARY_EVENT) {
      return triggerBoundary(owner, event, variables, false);
    }
    if (event.kind() == ElementKind.START_EVENT && event.flowScope().kind() == ElementKind.EVENT_SUB_PROCESS) {
      return triggerEventSubProcess(owner, event.flowScope(), variables, false);
    }
    if (ownerElement.kind() == ElementKind.EVENT_BASED_GATEWAY) {
      close(owner.key());
      FlowModel flow = ownerElement.outgoing().stream().filter(f -> f.target() == event).findFirst().orElseThrow();
      p.bpmn().completeWithTrigger(owner, List.of(flow), variables);
      return false;
    }
    close(owner.key());
    p.bpmn().completeWithVariables(owner, variables);
    return false;
  }

  /** Interrupting: terminate the activity first; either way, the boundary event then runs in its scope. */
  boolean triggerBoundary(ElementInstance activity, ElementModel boundary, Map<String, Object> variables, boolean local) {
    ElementInstance flowScope = p.state().elementInstances().find(activity.flowScopeKey()).orElseThrow();
    if (boundary.isInterrupting()) {
      p.bpmn().terminate(activity);
    }
    p.bpmn().activateTriggered(boundary, flowScope, variables, local);
    return !boundary.isInterrupting();
  }

  /** Interrupting: end everything else in the scope first; then the event subprocess runs inside it. */
  boolean triggerEventSubProcess(ElementInstance scope, ElementModel eventSubProcess, Map<String, Object> variables,
      boolean local) {
    if (eventSubProcess.eventStart().isInterrupting()) {
      interrupted.add(scope.key());
      close(scope.key());
      for (ElementInstance child : p.state().elementInstances().children(scope.key())) {
        p.bpmn().terminate(child);
      }
      p.state().gatewayTokens().deleteScope(scope.key());
      // as Zeebe's guard refuses to activate anything else in an interrupted scope: elements the
      // agenda was about to activate there (a fork's later branches) do not start
      p.bpmn().clearPendingActivations(scope.key());
    }
    p.bpmn().activateTriggered(eventSubProcess, scope, variables, local);
    return !eventSubProcess.eventStart().isInterrupting();
  }

  private dev.journeys.engine.model.ProcessModel model(ElementInstance instance) {
    return p.models().get(p.state().processes(), instance.processDefinitionKey());
  }
}
