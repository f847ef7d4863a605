package dev.journeys.journey.lint;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Only what the embedded engine executes (README, "The embedded engine"). The engine itself would
 * refuse the rest at deployment, but it is reachable only through the Camunda client, so the list
 * is kept here, and lint names every offending element at once rather than the first one.
 */
final class ElementAllowList {

  private static final String NONE = "none";

  /** Element kind to the event definitions it may carry ("none": no definition). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.ofEntries(
          Map.entry("startEvent", Set.of(NONE, "messageEventDefinition", "timerEventDefinition", "signalEventDefinition")),
          Map.entry("endEvent", Set.of(NONE, "terminateEventDefinition", "errorEventDefinition", "signalEventDefinition",
              "escalationEventDefinition")),
          Map.entry("intermediateCatchEvent",
              Set.of("messageEventDefinition", "timerEventDefinition", "signalEventDefinition")),
          Map.entry("intermediateThrowEvent", Set.of(NONE, "signalEventDefinition", "escalationEventDefinition")),
          Map.entry("boundaryEvent",
              Set.of("messageEventDefinition", "timerEventDefinition", "errorEventDefinition", "signalEventDefinition",
                  "escalationEventDefinition")),
          Map.entry("serviceTask", Set.of(NONE)),
          Map.entry("sendTask", Set.of(NONE)),
          Map.entry("receiveTask", Set.of(NONE)),
          Map.entry("exclusiveGateway", Set.of(NONE)),
          Map.entry("parallelGateway", Set.of(NONE)),
          Map.entry("inclusiveGateway", Set.of(NONE)),
          Map.entry("eventBasedGateway", Set.of(NONE)),
          Map.entry("subProcess", Set.of(NONE)),
          Map.entry("callActivity", Set.of(NONE)),
          Map.entry("businessRuleTask", Set.of(NONE)));

  /** An event subprocess may also start on an error or an escalation. */
  private static final Set<String> EVENT_SUBPROCESS_STARTS =
      Set.of(NONE, "messageEventDefinition", "timerEventDefinition", "errorEventDefinition", "signalEventDefinition",
          "escalationEventDefinition");

  /** zeebe:properties is metadata (Modeler element templates add it); the engine reads nothing from it. */
  private static final Set<String> ZEEBE_EXTENSIONS =
      Set.of("taskDefinition", "taskHeaders", "ioMapping", "calledElement", "subscription", "properties",
          "calledDecision");

  private static final String ZEEBE_NS = "http://camunda.org/schema/zeebe/1.0";

  private static final String SUPPORTED =
      "use only what the embedded engine executes (README, \"The embedded engine\")";

  private ElementAllowList() {}

  static void check(BpmnModelInstance model, LintFindings findings) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      String kind = node.getElementType().getTypeName();
      Set<String> definitions = ALLOWED.get(kind);
      if (definitions == null) {
        findings.error(node.getId(),
            "Expected an element the embedded engine executes, but found a " + kind + ".",
            "replace the " + kind + " with a service task, receive task or event; " + SUPPORTED);
        continue;
      }
      if (isEventSubprocessStart(node)) {
        definitions = EVENT_SUBPROCESS_STARTS;
      }
      checkDefinitions(node, kind, definitions, findings);
      checkLoop(node, kind, findings);
      checkExtensions(node, findings);
    }
  }

  private static void checkDefinitions(
      FlowNode node, String kind, Set<String> allowed, LintFindings findings) {
    Collection<EventDefinition> definitions = eventDefinitions(node);
    if (definitions.isEmpty() && !allowed.contains(NONE)) {
      findings.error(node.getId(),
          "Expected the " + kind + " to have an event definition, but it has none.",
          "give it one of " + allowed);
    }
    for (EventDefinition definition : definitions) {
      String type = definition.getElementType().getTypeName();
      if (!allowed.contains(type)) {
        findings.error(node.getId(),
            "Expected a " + kind + " with one of " + allowed + ", but found a " + type + ".",
            "remove the " + type + "; " + SUPPORTED);
      }
    }
  }

  /**
   * Multi-instance runs (its zeebe:loopCharacteristics is checked by the engine's own rules); any other
   * loop characteristics the model knows do not.
   */
  private static void checkLoop(FlowNode node, String kind, LintFindings findings) {
    if (node instanceof Activity activity && activity.getLoopCharacteristics() != null
        && !(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics)) {
      findings.error(node.getId(),
          "Expected no loop but multi-instance, but the " + kind + " has "
              + activity.getLoopCharacteristics().getElementType().getTypeName() + ".",
          "use a multi-instance marker over a collection instead; the embedded engine runs no other loop");
    }
  }


  private static void checkExtensions(BaseElement element, LintFindings findings) {
    if (element.getExtensionElements() == null) {
      return;
    }
    element.getExtensionElements().getElements().stream()
        .filter(e -> ZEEBE_NS.equals(e.getDomElement().getNamespaceURI()))
        .map(e -> e.getDomElement().getLocalName())
        .filter(name -> !ZEEBE_EXTENSIONS.contains(name))
        .forEach(name -> findings.error(element.getId(),
            "Expected only zeebe:" + ZEEBE_EXTENSIONS + ", but found zeebe:" + name + ".",
            "remove zeebe:" + name + " (e.g. listeners, forms); " + SUPPORTED));
  }

  private static Collection<EventDefinition> eventDefinitions(FlowNode node) {
    if (node instanceof CatchEvent catchEvent) {
      return catchEvent.getEventDefinitions();
    }
    if (node instanceof ThrowEvent throwEvent) {
      return throwEvent.getEventDefinitions();
    }
    return List.of();
  }

  static boolean isEventSubprocessStart(FlowNode node) {
    return node instanceof StartEvent
        && node.getParentElement() instanceof SubProcess sub
        && sub.triggeredByEvent();
  }
}
