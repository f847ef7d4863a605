package dev.journeys.journey.lint;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * FEEL expressions and static timers parse. Every attribute or text starting with '=' is an
 * expression in a Zeebe model, wherever it sits (conditions, mappings, headers, keys, timers), so
 * the XML is walked as a whole rather than element kind by element kind: nothing is forgotten.
 */
final class ExpressionChecks {

  // Building the engine is costly; parsing with it is thread-safe.
  private static final FeelEngineApi FEEL = FeelEngineBuilder.forJava().build();

  private ExpressionChecks() {}

  static void check(BpmnModelInstance model, LintFindings findings) {
    Node root = model.getDocument().getDomSource().getNode();
    Element element =
        root instanceof org.w3c.dom.Document doc ? doc.getDocumentElement() : (Element) root;
    walk(model, element, "definitions", findings);
    for (TimerEventDefinition timer : model.getModelElementsByType(TimerEventDefinition.class)) {
      checkTimer(timer, findings);
    }
  }

  private static void walk(
      BpmnModelInstance model, Element element, String ownerId, LintFindings findings) {
    String owner = ownerOf(model, element, ownerId);
    var attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      var attribute = attributes.item(i);
      checkFeel(owner, attribute.getNodeName(), attribute.getNodeValue(), findings);
    }
    boolean leaf = true;
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        leaf = false;
        walk(model, childElement, owner, findings);
      }
    }
    if (leaf) {
      checkFeel(owner, element.getLocalName(), element.getTextContent(), findings);
    }
  }

  /** Findings name the flow element (or message) the expression belongs to, not its children. */
  private static String ownerOf(BpmnModelInstance model, Element element, String ownerId) {
    String id = element.getAttribute("id");
    if (id.isEmpty()) {
      return ownerId;
    }
    var instance = model.getModelElementById(id);
    return instance instanceof FlowElement || instance instanceof Message ? id : ownerId;
  }

  private static void checkFeel(String owner, String where, String value, LintFindings findings) {
    if (value == null || !value.strip().startsWith("=")) {
      return;
    }
    String expression = value.strip().substring(1);
    var result = FEEL.parseExpression(expression);
    if (!result.isSuccess()) {
      findings.error(owner,
          "Expected a FEEL expression in " + where + ", but '" + expression
              + "' does not parse: " + result.failure().message(),
          "correct the expression after '=' (FEEL syntax, e.g. =orderId or =rating <= 2)");
    }
  }

  private static void checkTimer(TimerEventDefinition timer, LintFindings findings) {
    // A timer definition sits in its event; a reusable one at the top level has no event to name.
    String owner = timer.getParentElement() instanceof FlowElement event ? event.getId()
        : timer.getId();
    if (timer.getTimeDate() != null) {
      checkStatic(owner, "timeDate", timer.getTimeDate().getTextContent(), findings);
    } else if (timer.getTimeDuration() != null) {
      checkStatic(owner, "timeDuration", timer.getTimeDuration().getTextContent(), findings);
    } else if (timer.getTimeCycle() != null) {
      checkStatic(owner, "timeCycle", timer.getTimeCycle().getTextContent(), findings);
    } else {
      findings.error(owner, "Expected a timer with a date, duration or cycle, but it has none.",
          "set the timer's type and value, e.g. duration P1D");
    }
  }

  private static void checkStatic(String owner, String kind, String value, LintFindings findings) {
    String text = value == null ? "" : value.strip();
    if (text.startsWith("=")) {
      return; // parsed as FEEL by the walk
    }
    String problem = TimerSyntax.problem(kind, text);
    if (problem != null) {
      findings.error(owner,
          "Expected a valid " + kind + ", but '" + text + "' " + problem + ".",
          TimerSyntax.fix(kind));
    }
  }
}
