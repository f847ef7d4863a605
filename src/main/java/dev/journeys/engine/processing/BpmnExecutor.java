package dev.journeys.engine.processing;

import dev.journeys.engine.model.ElementKind;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.FlowModel;
import dev.journeys.engine.model.ProcessModel;
import dev.journeys.engine.processing.processors.Processors;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.ElementInstance.LifecycleState;
import dev.journeys.engine.state.FunnelStore;
import dev.journeys.engine.state.HistoryStore;
import dev.journeys.engine.state.ProcessRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves tokens: activates, completes and terminates element instances and takes sequence flows.
 * Steps go on an agenda that the writer drains after each command, so a long chain of
 * non-waiting elements never deepens the stack.
 */
public final class BpmnExecutor {

  private final Processing p;
  private final ArrayDeque<Runnable> agenda = new ArrayDeque<>();
  /**
   * Flow scopes a terminate end event cleared while the agenda ran, with how often: an activation
   * scheduled in such a scope before the clearing is void. Zeebe takes a fork's flows in reverse
   * XML order, so a terminate end event can activate before a sibling branch's first element; that
   * element must then not start, as the whole scope has ended.
   */
  private final Map<Long, Integer> clearedScopes = new HashMap<>();
  private final Map<ElementKind, ElementProcessor> processors;
  private final Mappings mappings;
  /**
   * Sequence flows taken while the agenda runs whose target is not active yet, by flow scope: Zeebe's
   * "active sequence flows", which an inclusive gateway's join counts as paths that may still reach it.
   */
  private final Map<Long, List<FlowModel>> pendingFlows = new HashMap<>();
  private final InclusiveJoin inclusiveJoin;
  /** While a journey is being cancelled: why, for the funnel; null otherwise. */
  private FunnelStore.CancelReason cancelling;

  BpmnExecutor(Processing p) {
    this.p = p;
    this.processors = Processors.all(p);
    this.mappings = new Mappings(p);
    this.inclusiveJoin = new InclusiveJoin(p);
  }

  /** Variables a trigger (message, timer, error) hands to the element it activates. */
  private record Carry(Map<String, Object> variables, boolean local) {}

  /** Creates a process instance and schedules its none start event. */
  public ElementInstance createProcessInstance(
      ProcessRecord definition, Map<String, Object> variables, ElementInstance parentCallActivity) {
    ProcessModel model = p.models().get(p.state().processes(), definition.key());
    if (model.process().noneStartEvent() == null) {
      throw Rejection.invalidArgument(
          "Expected to create an instance of process '%s' at its none start event, but it has none; "
              + "it starts by message, timer or signal", definition.bpmnProcessId());
    }
    return createProcessInstance(definition, variables, parentCallActivity, model.process().noneStartEvent(), Map.of());
  }

  /**
   * Creates a process instance starting at the given start event. A trigger's variables (a message
   * start) reach the process scope before anything else runs, as in Zeebe, so event subprocess
   * subscriptions can already use them.
   */
  public ElementInstance createProcessInstance(ProcessRecord definition, Map<String, Object> variables,
      ElementInstance parentCallActivity, ElementModel startEvent, Map<String, Object> triggerVariables) {
    long key = p.nextKey();
    ElementInstance instance = new ElementInstance(
        key, key, definition.key(), definition.bpmnProcessId(), ElementKind.PROCESS.name(), null,
        LifecycleState.ACTIVATING, parentCallActivity == null ? null : parentCallActivity.key());
    p.state().elementInstances().insert(instance, p.now());
    p.state().history().processStarted(instance, definition.bpmnProcessId(), definition.version(),
        parentCallActivity == null ? null : parentCallActivity.processInstanceKey(), p.now());
    p.state().funnel().journeyStarted(definition.key(), definition.bpmnProcessId(), key, p.now());
    p.variables().setLocal(key, key, variables);
    p.report(listener -> listener.processInstanceStarted(definition.bpmnProcessId()));
    Carry carry = null;
    if (startEvent.outputs().isEmpty()) {
      p.variables().setLocal(key, key, triggerVariables);
    } else {
      carry = new Carry(triggerVariables, false);
    }
    if (p.events().openAttached(instance, modelOf(instance))) {
      markActivated(instance);
      if (!p.events().interruptedWhileOpening(key)) {
        activateStep(startEvent, instance.withState(LifecycleState.ACTIVATED), carry);
      }
    }
    return instance;
  }

  public ElementModel modelOf(ElementInstance instance) {
    ElementModel element =
        p.models().get(p.state().processes(), instance.processDefinitionKey()).element(instance.elementId());
    // a multi-instance body and its inner instances share the element id; the kind tells them apart
    if (element.kind() == ElementKind.MULTI_INSTANCE_BODY && !MULTI_INSTANCE_BODY.equals(instance.kind())) {
      return element.innerActivity();
    }
    return element;
  }

  private static final String MULTI_INSTANCE_BODY = ElementKind.MULTI_INSTANCE_BODY.name();

  private static boolean isInnerInstance(ElementModel element) {
    return element.flowScope() != null && element.flowScope().kind() == ElementKind.MULTI_INSTANCE_BODY;
  }

  public ElementProcessor processor(ElementModel element) {
    return processor(element.kind());
  }

  public ElementProcessor processor(ElementKind kind) {
    return processors.get(kind);
  }

  private ContainerProcessor container(ElementInstance scope) {
    if (processor(modelOf(scope)) instanceof ContainerProcessor container) {
      return container;
    }
    throw new IllegalStateException("Expected element '" + scope.elementId() + "' to contain elements, but its kind "
        + scope.kind() + " has no container processor");
  }

  /** Schedules the activation of an element inside a flow scope. */
  public void activate(ElementModel element, ElementInstance flowScope) {
    activateStep(element, flowScope, null);
  }

  /** Schedules the activation of a triggered event element (boundary, event subprocess) with its variables. */
  public void activateTriggered(ElementModel element, ElementInstance flowScope, Map<String, Object> variables,
      boolean local) {
    activateStep(element, flowScope, new Carry(variables, local));
  }

  /**
   * Runs a step after those already scheduled, as Zeebe processes a follow-up command (a signal
   * thrown by an element) after the ones written before it.
   */
  public void schedule(Runnable step) {
    agenda.add(step);
  }

  /** A terminate end event ended every token of the scope: activations already scheduled in it are void. */
  public void clearPendingActivations(long flowScopeKey) {
    clearedScopes.merge(flowScopeKey, 1, Integer::sum);
  }

  private void activateStep(ElementModel element, ElementInstance flowScope, Carry carry) {
    activateStep(element, flowScope, carry, null);
  }

  /** {@code via}: the sequence flow taken to the element, pending until the element activates. */
  private void activateStep(ElementModel element, ElementInstance flowScope, Carry carry, FlowModel via) {
    int cleared = clearedScopes.getOrDefault(flowScope.key(), 0);
    if (via != null) {
      pendingFlows.computeIfAbsent(flowScope.key(), k -> new ArrayList<>()).add(via);
    }
    agenda.add(() -> {
      if (via != null) {
        pendingFlows.getOrDefault(flowScope.key(), new ArrayList<>()).remove(via);
      }
      if (p.state().elementInstances().find(flowScope.key()).isEmpty()) {
        return; // the scope was terminated meanwhile
      }
      if (clearedScopes.getOrDefault(flowScope.key(), 0) != cleared) {
        return; // a terminate end event ended the scope's tokens after this was scheduled
      }
      activateNow(element, flowScope, carry);
    });
  }

  /** Sequence flows of the flow scope taken in this command whose targets have not activated yet. */
  List<FlowModel> pendingFlows(long flowScopeKey) {
    return pendingFlows.getOrDefault(flowScopeKey, List.of());
  }

  private void activateNow(ElementModel element, ElementInstance flowScope, Carry carry) {
    ElementInstance instance = new ElementInstance(
        p.nextKey(), flowScope.processInstanceKey(), flowScope.processDefinitionKey(), element.id(),
        element.kind().name(), flowScope.key(), LifecycleState.ACTIVATING, null);
    p.state().elementInstances().insert(instance, p.now());
    p.state().history().elementStarted(instance, flowScope.isProcessInstance() ? flowScope.elementId()
        : p.models().get(p.state().processes(), instance.processDefinitionKey()).bpmnProcessId(), p.now());
    if (element.kind() == ElementKind.MULTI_INSTANCE_BODY) {
      p.state().funnel().bodyEntered(instance.processDefinitionKey(), element.id(), instance.key(),
          instance.processInstanceKey(), p.now());
    } else {
      p.state().funnel().entered(instance.processDefinitionKey(), element.id(), instance.key(),
          instance.processInstanceKey(), p.now());
    }
    if (carry != null) {
      applyTriggerVariables(instance, element, carry);
    }
    runActivation(instance, element);
  }

  private void applyTriggerVariables(ElementInstance instance, ElementModel element, Carry carry) {
    if (carry.variables().isEmpty()) {
      return;
    }
    if (carry.local() || !element.outputs().isEmpty()) {
      p.variables().setLocal(instance.key(), instance.processInstanceKey(), carry.variables());
    } else {
      p.variables().propagate(instance.key(), carry.variables());
    }
  }

  private void runActivation(ElementInstance instance, ElementModel element) {
    ElementProcessor processor = processor(element);
    if (loopVariablesSet(instance, element) && mappings.applyInputs(instance, element)
        && processor.beforeOpeningEvents(instance, element) && p.events().openAttached(instance, element)
        && !p.events().interruptedWhileOpening(instance.key())) {
      processor.onActivate(instance, element);
    }
  }

  /** An inner instance of a multi-instance body gets its loop variables before its input mappings. */
  private boolean loopVariablesSet(ElementInstance instance, ElementModel element) {
    if (!isInnerInstance(element)) {
      return true;
    }
    ElementInstance body = p.state().elementInstances().find(instance.flowScopeKey()).orElseThrow();
    return container(body).beforeChildActivation(body, instance);
  }

  /** A waiting event or task was triggered: apply its variables as Zeebe does for job variables, then complete. */
  public void completeWithVariables(ElementInstance instance, Map<String, Object> variables) {
    applyTriggerVariables(instance, modelOf(instance), new Carry(variables, false));
    complete(instance, null);
  }

  /** An event-based gateway completes towards the triggered event, which receives the variables. */
  public void completeWithTrigger(ElementInstance gateway, List<FlowModel> flows, Map<String, Object> variables) {
    completeStep(gateway, flows, new Carry(variables, false));
  }

  /** For processors that wait: the element is active until something completes it. */
  public void markActivated(ElementInstance instance) {
    p.state().elementInstances().updateState(instance.key(), LifecycleState.ACTIVATED);
  }

  /** Schedules completion; {@code flows} overrides the element's own choice when not null. */
  public void complete(ElementInstance instance, List<FlowModel> flows) {
    completeStep(instance, flows, null);
  }

  private void completeStep(ElementInstance instance, List<FlowModel> flows, Carry carry) {
    agenda.add(() -> {
      if (p.state().elementInstances().find(instance.key()).isEmpty()) {
        return;
      }
      p.state().elementInstances().updateState(instance.key(), LifecycleState.COMPLETING);
      runCompletion(instance.withState(LifecycleState.COMPLETING), flows, carry);
    });
  }

  private void runCompletion(ElementInstance instance, List<FlowModel> flowsOverride, Carry carry) {
    ElementModel element = modelOf(instance);
    ElementProcessor processor = processor(element);
    if (!mappings.applyOutputs(instance, element) || !processor.onComplete(instance, element)) {
      return;
    }
    List<FlowModel> flows = flowsOverride != null ? flowsOverride : processor.outgoing(instance, element);
    if (instance.isProcessInstance()) {
      Long caller = instance.parentElementInstanceKey();
      if (caller != null) {
        p.state().elementInstances().find(caller)
            .ifPresent(callActivity -> container(callActivity).onChildCompleted(callActivity, instance));
      }
      p.state().funnel().completed(instance.processDefinitionKey(), instance.elementId());
      remove(instance, HistoryStore.State.COMPLETED);
      return;
    }
    if (flows.isEmpty()) {
      ElementInstance scope = p.state().elementInstances().find(instance.flowScopeKey()).orElse(null);
      if (scope != null && !container(scope).beforeExecutionPathCompleted(scope, instance)) {
        return;
      }
      remove(instance, HistoryStore.State.COMPLETED);
      if (instance.flowScopeKey() == instance.processInstanceKey()) {
        p.state().funnel().completed(instance.processDefinitionKey(), instance.elementId()); // a path ends here
      }
      if (scope != null) {
        container(scope).afterExecutionPathCompleted(scope, instance);
      }
      return;
    }
    remove(instance, HistoryStore.State.COMPLETED);
    ElementInstance flowScope = p.state().elementInstances().find(instance.flowScopeKey()).orElseThrow();
    flows.forEach(flow -> takeFlow(flow, flowScope, carry));
  }

  private void takeFlow(FlowModel flow, ElementInstance flowScope, Carry carry) {
    ElementModel target = flow.target();
    if (target.kind() == ElementKind.PARALLEL_GATEWAY && target.incoming().size() > 1) {
      var tokens = p.state().gatewayTokens();
      tokens.add(p.nextKey(), flowScope.key(), target.id(), flow.id());
      Set<String> required = new HashSet<>();
      target.incoming().forEach(f -> required.add(f.id()));
      if (!tokens.arrivedFlows(flowScope.key(), target.id()).containsAll(required)) {
        return;
      }
      tokens.consume(flowScope.key(), target.id(), required);
    }
    if (target.kind() == ElementKind.INCLUSIVE_GATEWAY && target.incoming().size() > 1) {
      // as Zeebe: the token waits at the gateway, and whether the gateway may activate is decided when
      // this arrival's turn comes, against the paths still active then (InclusiveJoin)
      p.state().gatewayTokens().add(p.nextKey(), flowScope.key(), target.id(), flow.id());
      agenda.add(() -> {
        if (p.state().elementInstances().find(flowScope.key()).isPresent()
            && inclusiveJoin.tryJoin(target, flowScope)) {
          activateNow(target, flowScope, carry);
        }
      });
      return;
    }
    activateStep(target, flowScope, carry, flow);
  }

  /** Completes a process or subprocess once nothing inside it is active or waiting at a join. */
  public void completeScopeIfDone(long flowScopeKey) {
    p.state().elementInstances().find(flowScopeKey).ifPresent(scope -> {
      if (scope.state() == LifecycleState.ACTIVATED
          && p.state().elementInstances().countChildren(flowScopeKey) == 0
          && p.state().gatewayTokens().count(flowScopeKey) == 0) {
        complete(scope, null);
      }
    });
  }

  /**
   * Cancels a journey: terminates it, and counts in the funnel where it was waiting (the elements
   * terminated that contain nothing, in it and in the processes it called) and why.
   */
  public void cancel(ElementInstance processInstance, FunnelStore.CancelReason reason) {
    cancelling = reason;
    try {
      terminate(processInstance);
    } finally {
      cancelling = null;
    }
  }

  /** Terminates an instance and everything inside it, at once. */
  public void terminate(ElementInstance instance) {
    p.state().elementInstances().updateState(instance.key(), LifecycleState.TERMINATING);
    List<ElementInstance> children = p.state().elementInstances().children(instance.key());
    ElementModel element = modelOf(instance);
    // a multi-instance body counts once where the journey waited, not once per inner instance
    boolean waitedHere = element.kind() == ElementKind.MULTI_INSTANCE_BODY
        || (children.isEmpty() && !isInnerInstance(element));
    if (cancelling != null && (waitedHere || instance.isProcessInstance())) {
      p.state().funnel().cancelled(instance.processDefinitionKey(), instance.elementId(), cancelling);
    }
    for (ElementInstance child : children) {
      terminate(child);
    }
    p.state().gatewayTokens().deleteScope(instance.key());
    processor(element).onTerminate(instance, element);
    p.incidents().removeAllOf(instance.key());
    remove(instance, HistoryStore.State.TERMINATED);
  }

  private void remove(ElementInstance instance, HistoryStore.State end) {
    p.state().history().ended(instance, end, p.now());
    p.events().close(instance.key());
    p.variables().deleteScope(instance.key());
    p.state().elementInstances().delete(instance.key());
    if (instance.isProcessInstance()) {
      p.state().funnel().journeyEnded(instance.key());
      String process = instance.elementId();
      p.report(end == HistoryStore.State.COMPLETED
          ? listener -> listener.processInstanceCompleted(process)
          : listener -> listener.processInstanceTerminated(process));
      p.state().subscriptions().unlockStart(instance.key())
          .ifPresent(lock -> p.messages().startEnded(lock[0], lock[1]));
    }
  }

  /** Retries the transition an incident interrupted. */
  public void retry(ElementInstance instance) {
    ElementModel element = modelOf(instance);
    agenda.add(() -> {
      if (instance.state() == LifecycleState.ACTIVATING) {
        p.events().close(instance.key()); // what the failed attempt opened is opened again
        runActivation(instance, element);
      } else if (instance.state() == LifecycleState.COMPLETING) {
        runCompletion(instance, null, null);
      }
    });
  }

  /** Runs scheduled steps until the process comes to rest. */
  void run() {
    Runnable step;
    while ((step = agenda.poll()) != null) {
      step.run();
    }
    clearedScopes.clear();
    pendingFlows.clear();
  }

  /** Drops scheduled steps of a command that was rolled back. */
  void discard() {
    agenda.clear();
    clearedScopes.clear();
    pendingFlows.clear();
  }
}
