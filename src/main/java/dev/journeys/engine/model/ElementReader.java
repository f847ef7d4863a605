package dev.journeys.engine.model;

import dev.journeys.engine.feel.Expression;
import dev.journeys.engine.feel.FeelExpressions;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Transaction;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads one BPMN flow node into an {@link ElementModel}, rejecting what the engine cannot run. */
final class ElementReader {

  private static final Pattern VARIABLE_PATH =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  private final String resourceName;
  private final FeelExpressions feel;
  private final TriggerReader triggers;

  ElementReader(String resourceName, FeelExpressions feel) {
    this.resourceName = resourceName;
    this.feel = feel;
    this.triggers = new TriggerReader(this);
  }

  String resourceName() {
    return resourceName;
  }

  /**
   * Reads a flow node. An activity with multi-instance loop characteristics becomes a body of kind
   * MULTI_INSTANCE_BODY (which the flows, boundary events and process model refer to) around the
   * activity itself, as in Zeebe; the caller gets the body.
   */
  ElementModel read(FlowNode node, ElementModel scope) {
    ElementKind kind = kindOf(node);
    rejectUnsupportedAttributes(node);
    ElementModel body = null;
    if (node instanceof Activity activity
        && activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics loop) {
      body = new ElementModel(node.getId(), node.getName(), ElementKind.MULTI_INSTANCE_BODY, scope);
      body.setLoop(readLoop(node, loop));
      scope = body;
    }
    ElementModel model = new ElementModel(node.getId(), node.getName(), kind, scope);
    readMappings(node, model);
    if (node instanceof Event event) {
      readEventDefinitions(event, model);
    }
    switch (kind) {
      case SERVICE_TASK, SEND_TASK -> model.setTaskDefinition(readTaskDefinition(node));
      case CALL_ACTIVITY -> model.setCalledElement(readCalledElement((CallActivity) node));
      case BUSINESS_RULE_TASK -> readBusinessRuleTask(node, model);
      case RECEIVE_TASK -> model.setTrigger(triggers.message(node, ((ReceiveTask) node).getMessage(), true));
      case BOUNDARY_EVENT -> model.setInterrupting(((BoundaryEvent) node).cancelActivity());
      case START_EVENT -> model.setInterrupting(((StartEvent) node).isInterrupting());
      case EXCLUSIVE_GATEWAY -> {
        ExclusiveGateway gateway = (ExclusiveGateway) node;
        if (gateway.getDefault() != null) {
          model.setDefaultFlowId(gateway.getDefault().getId());
        }
      }
      case INCLUSIVE_GATEWAY -> {
        InclusiveGateway gateway = (InclusiveGateway) node;
        if (gateway.getDefault() != null) {
          model.setDefaultFlowId(gateway.getDefault().getId());
        }
      }
      default -> {}
    }
    return body != null ? body : model;
  }

  /** ZeebeRules has already applied Zeebe's rules (an input collection expression, output pairs). */
  private LoopCharacteristics readLoop(FlowNode node, MultiInstanceLoopCharacteristics loop) {
    ZeebeLoopCharacteristics zeebe = loop.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zeebe == null || zeebe.getInputCollection() == null || zeebe.getInputCollection().isBlank()) {
      throw invalid(node, "zeebe:loopCharacteristics inputCollection", "it is missing");
    }
    String outputCollection = blankToNull(zeebe.getOutputCollection());
    String outputElement = blankToNull(zeebe.getOutputElement());
    String completion = loop.getCompletionCondition() == null ? null
        : blankToNull(loop.getCompletionCondition().getTextContent());
    return new LoopCharacteristics(
        loop.isSequential(),
        expression(node, "zeebe:loopCharacteristics inputCollection", zeebe.getInputCollection().strip()),
        blankToNull(zeebe.getInputElement()),
        outputCollection,
        outputCollection == null || outputElement == null ? null
            : expression(node, "zeebe:loopCharacteristics outputElement", outputElement.strip()),
        completion == null ? null : expression(node, "completionCondition", completion.strip()));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private ElementKind kindOf(FlowNode node) {
    if (node instanceof StartEvent) {
      return ElementKind.START_EVENT;
    }
    if (node instanceof EndEvent) {
      return ElementKind.END_EVENT;
    }
    if (node instanceof IntermediateCatchEvent) {
      return ElementKind.INTERMEDIATE_CATCH_EVENT;
    }
    if (node instanceof IntermediateThrowEvent throwEvent && (throwEvent.getEventDefinitions().isEmpty()
        || throwEvent.getEventDefinitions().stream().allMatch(d -> d instanceof SignalEventDefinition
            || d instanceof EscalationEventDefinition))) {
      return ElementKind.INTERMEDIATE_THROW_EVENT;
    }
    if (node instanceof BoundaryEvent) {
      return ElementKind.BOUNDARY_EVENT;
    }
    if (node instanceof ServiceTask) {
      return ElementKind.SERVICE_TASK;
    }
    if (node instanceof SendTask) {
      return ElementKind.SEND_TASK;
    }
    if (node instanceof ReceiveTask) {
      return ElementKind.RECEIVE_TASK;
    }
    if (node instanceof ExclusiveGateway) {
      return ElementKind.EXCLUSIVE_GATEWAY;
    }
    if (node instanceof ParallelGateway) {
      return ElementKind.PARALLEL_GATEWAY;
    }
    if (node instanceof InclusiveGateway) {
      return ElementKind.INCLUSIVE_GATEWAY;
    }
    if (node instanceof EventBasedGateway) {
      return ElementKind.EVENT_BASED_GATEWAY;
    }
    if (node instanceof SubProcess sub && !(node instanceof AdHocSubProcess) && !(node instanceof Transaction)) {
      return sub.triggeredByEvent() ? ElementKind.EVENT_SUB_PROCESS : ElementKind.SUB_PROCESS;
    }
    if (node instanceof CallActivity) {
      return ElementKind.CALL_ACTIVITY;
    }
    if (node instanceof BusinessRuleTask) {
      return ElementKind.BUSINESS_RULE_TASK;
    }
    throw rejectUnsupported(node);
  }

  private void readEventDefinitions(Event event, ElementModel model) {
    Collection<EventDefinition> definitions = event.getChildElementsByType(EventDefinition.class);
    if (definitions.isEmpty()) {
      if (model.kind() == ElementKind.INTERMEDIATE_CATCH_EVENT || model.kind() == ElementKind.BOUNDARY_EVENT) {
        throw rejectUnsupported(event);
      }
      return;
    }
    if (definitions.size() > 1) {
      throw rejectUnsupported(event);
    }
    EventDefinition definition = definitions.iterator().next();
    if (definition instanceof TerminateEventDefinition && model.kind() == ElementKind.END_EVENT) {
      model.markTerminateEnd();
    } else if (definition instanceof MessageEventDefinition message && model.kind() != ElementKind.END_EVENT) {
      boolean needsKey = !(model.kind() == ElementKind.START_EVENT && model.flowScope().kind() == ElementKind.PROCESS);
      model.setTrigger(triggers.message(event, message.getMessage(), needsKey));
    } else if (definition instanceof TimerEventDefinition timer && model.kind() != ElementKind.END_EVENT) {
      model.setTrigger(triggers.timer(event, timer));
    } else if (definition instanceof SignalEventDefinition signal) {
      model.setTrigger(triggers.signal(event, signal)); // every event kind here catches or throws signals
    } else if (definition instanceof ErrorEventDefinition error && isErrorEvent(model)) {
      model.setTrigger(triggers.error(event, error, model.kind() == ElementKind.END_EVENT));
    } else if (definition instanceof EscalationEventDefinition escalation && isEscalationEvent(model)) {
      model.setTrigger(triggers.escalation(event, escalation, isThrowing(model)));
    } else {
      throw rejectUnsupported(event);
    }
  }

  private static boolean isErrorEvent(ElementModel model) {
    return model.kind() == ElementKind.END_EVENT || model.kind() == ElementKind.BOUNDARY_EVENT
        || (model.kind() == ElementKind.START_EVENT && model.flowScope().kind() == ElementKind.EVENT_SUB_PROCESS);
  }

  /** Zeebe's escalation events: end and intermediate throw events, boundary events, event subprocess starts. */
  private static boolean isEscalationEvent(ElementModel model) {
    return isThrowing(model) || model.kind() == ElementKind.BOUNDARY_EVENT
        || (model.kind() == ElementKind.START_EVENT && model.flowScope().kind() == ElementKind.EVENT_SUB_PROCESS);
  }

  private static boolean isThrowing(ElementModel model) {
    return model.kind() == ElementKind.END_EVENT || model.kind() == ElementKind.INTERMEDIATE_THROW_EVENT;
  }

  DeploymentRejected rejectUnsupported(BaseElement element) {
    String detail = "";
    if (element instanceof io.camunda.zeebe.model.bpmn.instance.Event) {
      detail = eventDefinitionsOf(element);
    }
    throw new DeploymentRejected(
        "Expected only elements the embedded engine executes in resource '%s', but element '%s' of kind '%s'%s is not supported"
            .formatted(resourceName, element.getId(), BpmnTransformer.kindOf(element), detail));
  }

  private static String eventDefinitionsOf(BaseElement element) {
    Collection<EventDefinition> definitions =
        element.getChildElementsByType(EventDefinition.class);
    if (definitions.isEmpty()) {
      return "";
    }
    List<String> kinds = new ArrayList<>();
    definitions.forEach(d -> kinds.add(BpmnTransformer.kindOf(d)));
    return " with " + String.join(", ", kinds);
  }

  private void rejectUnsupportedAttributes(FlowNode node) {
    if (node instanceof Activity activity && activity.getLoopCharacteristics() != null
        && !(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics)) {
      throw unsupportedAttribute(node, "standard loop characteristics");
    }
    if (node instanceof Activity activity && activity.isForCompensation()) {
      throw unsupportedAttribute(node, "isForCompensation");
    }
    if (node.getSingleExtensionElement(ZeebeExecutionListeners.class) != null) {
      throw unsupportedAttribute(node, "zeebe:executionListeners");
    }
  }

  private DeploymentRejected unsupportedAttribute(FlowNode node, String attribute) {
    return new DeploymentRejected(
        "Expected only attributes the embedded engine executes in resource '%s', but element '%s' of kind '%s' uses %s"
            .formatted(resourceName, node.getId(), BpmnTransformer.kindOf(node), attribute));
  }

  private TaskDefinition readTaskDefinition(FlowNode node) {
    ZeebeTaskDefinition definition = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
      throw invalid(node, "zeebe:taskDefinition type", "it is missing");
    }
    Expression type = expression(node, "zeebe:taskDefinition type", definition.getType());
    String retriesText = definition.getRetries() == null ? "3" : definition.getRetries();
    // a static value that is no number ("three") is deployed as Zeebe deploys it: the job's creation
    // raises the incident (JobBehavior)
    Expression retries = expression(node, "zeebe:taskDefinition retries", retriesText);
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders taskHeaders = node.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return new TaskDefinition(type, retries, headers);
  }

  /**
   * A business rule task evaluates its zeebe:calledDecision, or is a job worker task when it has a
   * zeebe:taskDefinition instead (ZeebeDesignTimeValidators let exactly one of them through).
   */
  private void readBusinessRuleTask(FlowNode node, ElementModel model) {
    ZeebeCalledDecision called = node.getSingleExtensionElement(ZeebeCalledDecision.class);
    if (called == null) {
      model.setTaskDefinition(readTaskDefinition(node));
      return;
    }
    if (called.getBindingType() != null && called.getBindingType() != ZeebeBindingType.latest) {
      throw unsupportedAttribute(node, "zeebe:calledDecision bindingType " + called.getBindingType());
    }
    if (called.getDecisionId() == null || called.getDecisionId().isBlank()) {
      throw invalid(node, "zeebe:calledDecision decisionId", "it is missing");
    }
    if (called.getResultVariable() == null || called.getResultVariable().isBlank()) {
      throw invalid(node, "zeebe:calledDecision resultVariable", "it is missing");
    }
    model.setCalledDecision(new CalledDecision(
        expression(node, "zeebe:calledDecision decisionId", called.getDecisionId()), called.getResultVariable()));
  }

  private CalledElement readCalledElement(CallActivity node) {
    ZeebeCalledElement called = node.getSingleExtensionElement(ZeebeCalledElement.class);
    if (called == null || called.getProcessId() == null || called.getProcessId().isBlank()) {
      throw invalid(node, "zeebe:calledElement processId", "it is missing");
    }
    if (called.getBindingType() != null && called.getBindingType() != ZeebeBindingType.latest) {
      throw unsupportedAttribute(node, "zeebe:calledElement bindingType " + called.getBindingType());
    }
    return new CalledElement(
        expression(node, "zeebe:calledElement processId", called.getProcessId()),
        called.isPropagateAllChildVariablesEnabled(),
        called.isPropagateAllParentVariablesEnabled());
  }

  private void readMappings(FlowNode node, ElementModel model) {
    ZeebeIoMapping io = node.getSingleExtensionElement(ZeebeIoMapping.class);
    if (io == null) {
      return;
    }
    model.setMappings(mappings(node, "zeebe:input", io.getInputs()), mappings(node, "zeebe:output", io.getOutputs()));
  }

  private List<Mapping> mappings(FlowNode node, String what, Collection<? extends ZeebeMapping> mappings) {
    List<Mapping> result = new ArrayList<>();
    for (ZeebeMapping mapping : mappings) {
      String target = mapping.getTarget();
      if (target == null || !VARIABLE_PATH.matcher(target).matches()) {
        throw invalid(node, what + " target", "'" + target + "' is not a variable name or path");
      }
      String source = mapping.getSource() == null ? "=null" : mapping.getSource();
      result.add(new Mapping(expression(node, what + " source of '" + target + "'", source), target));
    }
    return result;
  }

  FlowModel readFlow(SequenceFlow flow) {
    Expression condition = null;
    if (flow.getConditionExpression() != null) {
      // ZeebeRules refused a static condition already
      String text = flow.getConditionExpression().getTextContent().strip();
      condition = expression(flow, "conditionExpression", text);
    }
    return new FlowModel(flow.getId(), condition);
  }

  Expression expression(BaseElement element, String attribute, String text) {
    var error = feel.parseError(text);
    if (error.isPresent()) {
      throw invalid(element, attribute, "'" + text + "' is not valid FEEL: " + error.get());
    }
    return feel.parse(text);
  }

  DeploymentRejected invalid(BaseElement element, String attribute, String reason) {
    return new DeploymentRejected(
        "Expected a valid %s on element '%s' of kind '%s' in resource '%s', but %s"
            .formatted(attribute, element.getId(), BpmnTransformer.kindOf(element), resourceName, reason));
  }
}
