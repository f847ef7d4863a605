package dev.journeys.journey.lint;

import dev.journeys.journey.JourneyMessage;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;

/**
 * Message catch, receive, boundary and start events wait for a message the ingestion publishes
 * (JourneyMessage, docs/JOURNEYS.md): a misspelt name waits forever without any error, which is
 * why lint refuses it. Every subscription but a process's own start needs a correlation key.
 */
final class MessageChecks {

  private final LintRules rules;

  MessageChecks(LintRules rules) {
    this.rules = rules;
  }

  void check(BpmnModelInstance model, LintFindings findings) {
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      if (node instanceof ReceiveTask task) {
        checkMessage(node, task.getMessage(), findings);
      } else if (node instanceof CatchEvent event) {
        event.getEventDefinitions().stream()
            .filter(MessageEventDefinition.class::isInstance)
            .map(MessageEventDefinition.class::cast)
            .forEach(definition -> checkMessage(node, definition.getMessage(), findings));
      }
    }
  }

  private void checkMessage(FlowNode node, Message message, LintFindings findings) {
    String id = node.getId();
    String known = "one of " + rules.messageNames();
    if (message == null) {
      findings.error(id, "Expected a message reference, but the element names no message.",
          "select a message named " + known);
      return;
    }
    String name = message.getName();
    if (name == null || name.isBlank()) {
      findings.error(id, "Expected a message name, but message '" + message.getId()
              + "' has none.", "name the message " + known);
    } else if (name.startsWith("=")) {
      findings.warning(id, "Expected a static message name, but it is an expression.",
          "lint cannot tell whether the ingestion publishes it; use " + known);
    } else if (!rules.messageNames().contains(name)) {
      findings.error(id, "Expected a message the ingestion publishes, but nothing publishes '"
              + name + "'.", "rename the message to " + known);
    }
    if (needsCorrelationKey(node) && !hasCorrelationKey(message)) {
      findings.error(id, "Expected a correlation key, but message '"
              + (name == null ? message.getId() : name) + "' has no zeebe:subscription correlationKey.",
          "add a zeebe:subscription with correlationKey, e.g. =orderId or =customerId");
    }
  }

  /** A process's own message start event correlates to no instance; everything else does. */
  private static boolean needsCorrelationKey(FlowNode node) {
    return !(node instanceof StartEvent) || ElementAllowList.isEventSubprocessStart(node);
  }

  private static boolean hasCorrelationKey(Message message) {
    var subscription = message.getSingleExtensionElement(ZeebeSubscription.class);
    return subscription != null
        && subscription.getCorrelationKey() != null
        && !subscription.getCorrelationKey().isBlank();
  }
}
