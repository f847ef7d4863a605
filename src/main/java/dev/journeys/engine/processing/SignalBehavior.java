package dev.journeys.engine.processing;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.EventTrigger;
import dev.journeys.engine.model.ProcessModel;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.ElementInstance.LifecycleState;
import dev.journeys.engine.state.ProcessRecord;
import dev.journeys.engine.state.SignalSubscriptionRecord;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Zeebe's signals: a broadcast reaches every subscription of its name that exists when it is
 * applied (a signal is never buffered). A signal start event starts a new instance of the latest
 * version with the signal's variables; a waiting catch, boundary or event subprocess start event is
 * triggered as a message would trigger it. A throw or end event broadcasts its name with its local
 * variables (what its input mappings made) before it completes.
 */
public final class SignalBehavior {

  static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";

  private final Processing p;

  SignalBehavior(Processing p) {
    this.p = p;
  }

  /** BroadcastSignal: returns the broadcast's key. */
  public long broadcast(String name, String variablesDocument) {
    if (name == null || name.isEmpty()) {
      throw Rejection.invalidArgument("No signalName provided");
    }
    Map<String, Object> variables = Variables.parseDocument(variablesDocument, "signal variables");
    long key = p.nextKey();
    deliver(name, variables);
    return key;
  }

  /** Triggers what waits for the name now; subscriptions opened by what it triggers wait for the next one. */
  private void deliver(String name, Map<String, Object> variables) {
    List<SignalSubscriptionRecord> subscriptions = p.state().signalSubscriptions().named(name);
    for (SignalSubscriptionRecord subscription : subscriptions) {
      if (subscription.isStartEvent()) {
        startInstance(subscription, variables);
      } else {
        trigger(subscription, variables);
      }
    }
  }

  private void startInstance(SignalSubscriptionRecord start, Map<String, Object> variables) {
    ProcessRecord definition = p.state().processes().byKey(start.processDefinitionKey()).orElseThrow();
    ProcessModel model = p.models().get(p.state().processes(), definition.key());
    p.bpmn().createProcessInstance(definition, Map.of(), null, model.element(start.elementId()), variables);
  }

  /** Zeebe's EventHandle#canTriggerElement: the subscription is still open and its owner active. */
  private void trigger(SignalSubscriptionRecord subscription, Map<String, Object> variables) {
    if (p.state().signalSubscriptions().find(subscription.key()).isEmpty()) {
      return; // closed meanwhile: an earlier trigger of this broadcast ended its owner
    }
    Optional<ElementInstance> owner = p.state().elementInstances().find(subscription.ownerKey());
    if (owner.isEmpty() || owner.get().state() != LifecycleState.ACTIVATED) {
      return;
    }
    boolean keepsWaiting = p.events().trigger(owner.get(), subscription.elementId(), variables);
    if (!keepsWaiting) {
      p.state().signalSubscriptions().delete(subscription.key());
    }
  }

  /** Opens the subscription of a catch event for its waiting owner; false after an incident. */
  boolean subscribe(ElementInstance owner, ElementModel event, EventTrigger.Signal signal) {
    String name = evaluateName(owner, event, signal);
    if (name == null) {
      return false;
    }
    String bpmnProcessId = p.state().processes().byKey(owner.processDefinitionKey()).orElseThrow().bpmnProcessId();
    p.state().signalSubscriptions().insert(new SignalSubscriptionRecord(p.nextKey(), name, owner.key(), event.id(),
        owner.processInstanceKey(), owner.processDefinitionKey(), bpmnProcessId), Processing.DEFAULT_TENANT, p.now());
    return true;
  }

  /**
   * A signal throw or end event: its name is evaluated, the broadcast of it with the event's local
   * variables follows what is already scheduled, and then the event completes. False after an
   * incident (the event stays activating; resolving it retries).
   */
  public boolean throwSignal(ElementInstance instance, ElementModel event) {
    String name = evaluateName(instance, event, (EventTrigger.Signal) event.trigger());
    if (name == null) {
      return false;
    }
    Map<String, Object> variables = p.variables().local(instance.key());
    p.bpmn().schedule(() -> deliver(name, variables));
    p.bpmn().complete(instance, null);
    return true;
  }

  /** The name as Zeebe's evaluateStringExpression has it, or null after raising the incident. */
  private String evaluateName(ElementInstance instance, ElementModel event, EventTrigger.Signal signal) {
    EvaluationResult name = ZeebeValues.evaluate(p.feel(), signal.name(), p.variables().visible(instance.key()), event.id());
    String failure = name.isFailure() ? name.failure()
        : !(name.value() instanceof String) ? ZeebeValues.wrongType(signal.name(), "STRING", name.value()) : null;
    if (failure != null) {
      p.incidents().raise(instance, EXTRACT_VALUE_ERROR, failure, null);
      return null;
    }
    return (String) name.value();
  }

  /** A new version's signal start events replace those of every earlier version. */
  void replaceStartEvents(ProcessRecord definition, ProcessModel model) {
    p.state().signalSubscriptions().deleteStartEvents(definition.bpmnProcessId());
    for (ElementModel start : model.process().triggeredStartEvents()) {
      if (start.trigger() instanceof EventTrigger.Signal signal) {
        // ZeebeRules let only names through that are strings without variables
        String name = (String) ZeebeValues.evaluate(p.feel(), signal.name(), Map.of(), start.id()).value();
        p.state().signalSubscriptions().insert(new SignalSubscriptionRecord(p.nextKey(), name, null, start.id(), null,
            definition.key(), definition.bpmnProcessId()), Processing.DEFAULT_TENANT, p.now());
      }
    }
  }
}
