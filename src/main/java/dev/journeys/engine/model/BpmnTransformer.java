package dev.journeys.engine.model;

import dev.journeys.engine.feel.FeelExpressions;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.DataObject;
import io.camunda.zeebe.model.bpmn.instance.DataObjectReference;
import io.camunda.zeebe.model.bpmn.instance.DataStoreReference;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns BPMN XML into executable {@link ProcessModel}s. Anything the engine does not execute is
 * rejected with the element's id and kind, so a journey is never run wrongly.
 */
public final class BpmnTransformer {

  private final FeelExpressions feel;
  private final ZeebeRules rules;

  public BpmnTransformer(FeelExpressions feel) {
    this.feel = feel;
    this.rules = new ZeebeRules(feel);
  }

  public List<ProcessModel> transform(String resourceName, byte[] xml) {
    BpmnModelInstance model = parse(resourceName, xml);
    List<ProcessModel> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (process.isExecutable()) {
        processes.add(transformProcess(resourceName, process));
      }
    }
    if (processes.isEmpty()) {
      throw new DeploymentRejected(
          "Expected to deploy at least one executable process from resource '%s', but found none"
              .formatted(resourceName));
    }
    return processes;
  }

  private BpmnModelInstance parse(String resourceName, byte[] xml) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (RuntimeException e) {
      throw new DeploymentRejected(
          "Expected to parse resource '%s' as BPMN XML, but it is malformed: %s"
              .formatted(resourceName, rootMessage(e)));
    }
    try {
      Bpmn.validateModel(model);
    } catch (RuntimeException e) {
      throw new DeploymentRejected(
          "Expected resource '%s' to be a valid BPMN model, but: %s"
              .formatted(resourceName, e.getMessage()));
    }
    rules.check(resourceName, model);
    return model;
  }

  private ProcessModel transformProcess(String resourceName, Process process) {
    if (process.getId() == null || process.getId().isBlank()) {
      throw new DeploymentRejected(
          "Expected the process in resource '%s' to have an id, but it has none".formatted(resourceName));
    }
    ElementReader reader = new ElementReader(resourceName, feel);
    ElementModel root = new ElementModel(process.getId(), process.getName(), ElementKind.PROCESS, null);
    Map<String, ElementModel> elements = new LinkedHashMap<>();
    elements.put(root.id(), root);
    addScope(reader, root, process.getFlowElements(), elements);
    return new ProcessModel(process.getId(), root, Map.copyOf(elements));
  }

  private void addScope(
      ElementReader reader,
      ElementModel scope,
      Collection<FlowElement> flowElements,
      Map<String, ElementModel> elements) {
    List<SequenceFlow> flows = new ArrayList<>();
    List<BoundaryEvent> boundaryEvents = new ArrayList<>();
    for (FlowElement element : flowElements) {
      if (element instanceof SequenceFlow flow) {
        flows.add(flow);
      } else if (element instanceof FlowNode node) {
        ElementModel model = reader.read(node, scope);
        elements.put(model.id(), model);
        if (node instanceof io.camunda.zeebe.model.bpmn.instance.SubProcess sub) {
          ElementModel subProcess = model.kind() == ElementKind.MULTI_INSTANCE_BODY ? model.innerActivity() : model;
          addScope(reader, subProcess, sub.getFlowElements(), elements);
        }
        if (node instanceof BoundaryEvent boundary) {
          boundaryEvents.add(boundary);
        }
      } else if (!(element instanceof DataObject || element instanceof DataObjectReference
          || element instanceof DataStoreReference)) {
        reader.rejectUnsupported(element);
      }
    }
    for (BoundaryEvent boundary : boundaryEvents) {
      ElementModel activity = elements.get(boundary.getAttachedTo().getId());
      if (activity == null || !activity.kind().isActivity()) {
        throw new DeploymentRejected(
            "Expected boundary event '%s' in resource '%s' to be attached to an activity, but it is attached to '%s'"
                .formatted(boundary.getId(), reader.resourceName(), boundary.getAttachedTo().getId()));
      }
      elements.get(boundary.getId()).attachTo(activity);
    }
    connect(reader, scope, flows, elements);
  }

  /**
   * Links the scope's sequence flows to their nodes. Zeebe builds each node's outgoing (and incoming)
   * list while its ModelWalker visits a scope's child elements last to first, so a node's flows are
   * in the reverse of their {@code <sequenceFlow>} document order; the {@code <outgoing>} references
   * play no part. An exclusive gateway tries its conditions in that order, so with two true conditions
   * the flow defined later in the XML wins, and every element takes its flows in that order too.
   */
  private void connect(
      ElementReader reader, ElementModel scope, List<SequenceFlow> flows, Map<String, ElementModel> elements) {
    for (SequenceFlow flow : flows.reversed()) {
      FlowModel model = reader.readFlow(flow);
      model.connect(elements.get(flow.getSource().getId()), elements.get(flow.getTarget().getId()));
      model.source().outgoingMutable().add(model);
      model.target().incomingMutable().add(model);
    }
    switch (scope.kind()) {
      case PROCESS -> {
        if (scope.noneStartEvent() == null && scope.triggeredStartEvents().isEmpty()) {
          throw new DeploymentRejected(
              "Expected %s to contain a start event, but it has none".formatted(describe(scope, reader)));
        }
      }
      case EVENT_SUB_PROCESS -> {
        long starts = scope.children().stream().filter(c -> c.kind() == ElementKind.START_EVENT).count();
        if (starts != 1 || scope.eventStart().trigger() == null) {
          throw new DeploymentRejected(
              "Expected %s to contain exactly one message, timer, error, signal or escalation start event, but it has %d start events"
                  .formatted(describe(scope, reader), starts));
        }
      }
      default -> {
        if (scope.noneStartEvent() == null || !scope.triggeredStartEvents().isEmpty()) {
          throw new DeploymentRejected(
              "Expected %s to contain exactly one none start event, but it has none or a triggered one"
                  .formatted(describe(scope, reader)));
        }
      }
    }
  }

  private static String describe(ElementModel scope, ElementReader reader) {
    return "%s in resource '%s'".formatted(scope, reader.resourceName());
  }

  static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  static String kindOf(BaseElement element) {
    return element.getElementType().getTypeName();
  }
}
