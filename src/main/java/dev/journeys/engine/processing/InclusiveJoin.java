package dev.journeys.engine.processing;

import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.FlowModel;
import dev.journeys.engine.model.ProcessModel;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.GatewayTokenStore;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The join of an inclusive gateway with several incoming flows, as Zeebe 8.8 decides it (its
 * ProcessInstanceStateTransitionGuard and BpmnInclusiveGatewayBehavior). Each token that arrives is
 * kept as a taken flow of the gateway (in {@code engine_gateway_token}, as for a parallel join), and
 * when the arrival's turn comes the gateway activates if
 *
 * <ul>
 *   <li>every incoming flow has been taken at least once, or
 *   <li>at least one has, and no path that is still active in the flow scope can reach the gateway
 *       over a flow not yet taken: neither an element instance of the scope (other than the gateway),
 *       following its outgoing flows and its boundary events, nor a sequence flow taken whose target
 *       has not activated yet, nor a token waiting at another gateway of the scope.
 * </ul>
 *
 * <p>Activating consumes one token of each taken flow; tokens beyond that wait for the next
 * activation. An arrival that finds no tokens left was joined by an earlier one and ends there. As in
 * Zeebe, the question is asked only when a token arrives: a path that could reach the gateway and then
 * ends elsewhere (an exclusive branch to an end event, an interrupting boundary event) leaves the
 * waiting tokens waiting, and the instance does not complete (camunda/camunda#19460).
 */
final class InclusiveJoin {

  private final Processing p;

  InclusiveJoin(Processing p) {
    this.p = p;
  }

  /** Whether the gateway activates now; if so, the tokens it joins are consumed. */
  boolean tryJoin(ElementModel gateway, ElementInstance flowScope) {
    GatewayTokenStore tokens = p.state().gatewayTokens();
    Set<String> taken = tokens.arrivedFlows(flowScope.key(), gateway.id());
    if (taken.isEmpty()) {
      return false; // an earlier arrival activated the gateway with this token
    }
    if (taken.size() < gateway.incoming().size() && hasActivePathTo(gateway, flowScope, taken)) {
      return false;
    }
    tokens.consume(flowScope.key(), gateway.id(), taken);
    return true;
  }

  private boolean hasActivePathTo(ElementModel gateway, ElementInstance flowScope, Set<String> taken) {
    ProcessModel model = p.models().get(p.state().processes(), flowScope.processDefinitionKey());
    Set<ElementModel> starts = new LinkedHashSet<>();
    for (ElementInstance child : p.state().elementInstances().children(flowScope.key())) {
      if (!child.elementId().equals(gateway.id())) {
        starts.add(model.element(child.elementId()));
      }
    }
    for (FlowModel pending : p.bpmn().pendingFlows(flowScope.key())) {
      if (pending.target() != gateway) {
        starts.add(pending.target());
      }
    }
    for (GatewayTokenStore.Waiting waiting : p.state().gatewayTokens().waiting(flowScope.key())) {
      if (!waiting.gatewayId().equals(gateway.id())) {
        starts.add(model.element(waiting.gatewayId()));
      }
    }
    return starts.stream().anyMatch(start -> reaches(start, gateway, taken));
  }

  /** Breadth-first over outgoing flows not yet taken to the gateway, and over boundary events. */
  private static boolean reaches(ElementModel start, ElementModel gateway, Set<String> taken) {
    Set<ElementModel> visited = new HashSet<>();
    Deque<ElementModel> toVisit = new ArrayDeque<>();
    toVisit.add(start);
    ElementModel current;
    while ((current = toVisit.poll()) != null) {
      if (current == gateway) {
        return true;
      }
      if (!visited.add(current)) {
        continue;
      }
      for (FlowModel flow : current.outgoing()) {
        if (!taken.contains(flow.id()) && !visited.contains(flow.target())) {
          toVisit.add(flow.target());
        }
      }
      if (current.kind().isActivity()) {
        current.boundaryEvents().stream().filter(b -> !visited.contains(b)).forEach(toVisit::add);
      }
    }
    return false;
  }
}
