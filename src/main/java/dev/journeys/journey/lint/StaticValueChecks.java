package dev.journeys.journey.lint;

import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.ConditionExpression;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Static values and expressions as Zeebe 8.8 tells them apart: only text that starts with '=' (no
 * space before it) is an expression. Where Zeebe demands an expression (a correlation key, a
 * sequence-flow condition, an output mapping's source) a static value is an error, as Zeebe refuses
 * the deployment. Where a static value is allowed (job type and retries, input mapping source,
 * message name, called process) Zeebe takes the text literally, so a value that looks like an
 * expression but lacks the '=' is a warning: {@code order.total * 2} would be sent as that text.
 * Static retries that are no number deploy but make every job creation an incident: an error.
 */
final class StaticValueChecks {

  private static final Pattern OPERATORS = Pattern.compile(
      "[<>]=?|!=|\\s=\\s|\\s[-+*/]\\s|\"|[\\[\\]{}]|[A-Za-z_][\\w ]*\\(|\\b(and|or|not|then|else|return|satisfies)\\b");
  private static final Pattern DOTTED_PATH = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)+");

  private StaticValueChecks() {}

  static void check(BpmnModelInstance model, LintFindings findings) {
    for (ZeebeSubscription subscription : model.getModelElementsByType(ZeebeSubscription.class)) {
      mustBeExpression(owner(subscription), "correlation key", subscription.getCorrelationKey(), findings);
    }
    for (ConditionExpression condition : model.getModelElementsByType(ConditionExpression.class)) {
      mustBeExpression(owner(condition), "condition", condition.getTextContent(), findings);
    }
    for (ZeebeOutput output : model.getModelElementsByType(ZeebeOutput.class)) {
      mustBeExpression(owner(output), "output mapping source of '" + output.getTarget() + "'", output.getSource(), findings);
    }
    for (ZeebeInput input : model.getModelElementsByType(ZeebeInput.class)) {
      mayBeStatic(owner(input), "input mapping source of '" + input.getTarget() + "'", input.getSource(), true, findings);
    }
    for (ZeebeTaskDefinition definition : model.getModelElementsByType(ZeebeTaskDefinition.class)) {
      String owner = owner(definition);
      mayBeStatic(owner, "job type", definition.getType(), false, findings);
      String retries = definition.getRetries();
      if (retries != null && isStatic(retries) && !isNumber(retries)) {
        findings.error(owner,
            "Expected the retries to be a number, but '" + retries + "' is not one: Zeebe deploys it, and then every"
                + " job of this task fails to be created (an incident).",
            "write a whole number such as 3, or an expression starting with '='");
      }
    }
    for (Message message : model.getModelElementsByType(Message.class)) {
      mayBeStatic(message.getId(), "message name", message.getName(), false, findings);
    }
    for (ZeebeCalledElement called : model.getModelElementsByType(ZeebeCalledElement.class)) {
      mayBeStatic(owner(called), "called process id", called.getProcessId(), false, findings);
    }
  }

  private static void mustBeExpression(String owner, String what, String value, LintFindings findings) {
    if (value == null || !isStatic(value)) {
      return;
    }
    String text = value.strip();
    findings.error(owner,
        "Expected the " + what + " to be an expression starting with '=', but '" + value
            + "' is a static value: Zeebe refuses to deploy the journey.",
        text.startsWith("=") ? "remove what stands before the '='" : "write =" + text);
  }

  /** Warns when a static value looks like an expression. */
  private static void mayBeStatic(
      String owner, String what, String value, boolean dottedPathsToo, LintFindings findings) {
    if (value == null || !isStatic(value)) {
      return;
    }
    String text = value.strip();
    if (text.startsWith("=") && text.length() > 1) {
      findings.warning(owner,
          "Expected the " + what + " '" + value + "' to be an expression, but there is a space before its '=':"
              + " Zeebe takes it as the text itself.",
          "remove what stands before the '='");
      return;
    }
    if (OPERATORS.matcher(text).find() || (dottedPathsToo && DOTTED_PATH.matcher(text).matches())) {
      findings.warning(owner,
          "Expected the " + what + " '" + text + "' to be a plain value, but it looks like an expression without"
              + " its leading '=': Zeebe uses the text as it stands, it does not evaluate it.",
          "write =" + text + " if it should be evaluated, or simplify the text");
    }
  }

  /** Zeebe's rule: an expression is '=' followed by at least one character, with nothing before the '='. */
  private static boolean isStatic(String value) {
    return !value.startsWith("=") || value.length() == 1;
  }

  private static boolean isNumber(String text) {
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The flow element (a task, an event, a sequence flow) or message the value belongs to. */
  private static String owner(ModelElementInstance element) {
    ModelElementInstance current = element;
    while (current != null) {
      if (current instanceof FlowElement || current instanceof Message || current instanceof SequenceFlow) {
        return ((BaseElement) current).getId();
      }
      current = current.getParentElement();
    }
    return "definitions";
  }
}
