package dev.journeys.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One executable flow node (or the process itself), with what its processor needs at run time. */
public final class ElementModel {
  private final String id;
  private final String name;
  private final ElementKind kind;
  private final ElementModel flowScope;
  private final List<FlowModel> outgoing = new ArrayList<>();
  private final List<FlowModel> incoming = new ArrayList<>();
  private final List<ElementModel> children = new ArrayList<>();
  private List<Mapping> inputs = List.of();
  private List<Mapping> outputs = List.of();
  private String defaultFlowId;
  private TaskDefinition taskDefinition;
  private CalledElement calledElement;
  private CalledDecision calledDecision;
  private boolean terminateEnd;
  private EventTrigger trigger;
  private boolean interrupting = true;
  private ElementModel attachedTo;
  private final List<ElementModel> boundaryEvents = new ArrayList<>();
  private LoopCharacteristics loop;

  ElementModel(String id, String name, ElementKind kind, ElementModel flowScope) {
    this.id = id;
    this.name = name;
    this.kind = kind;
    this.flowScope = flowScope;
    if (flowScope != null) {
      flowScope.children.add(this);
    }
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ElementKind kind() {
    return kind;
  }

  /** The enclosing process or subprocess; null for the process. */
  public ElementModel flowScope() {
    return flowScope;
  }

  public List<FlowModel> outgoing() {
    return Collections.unmodifiableList(outgoing);
  }

  public List<FlowModel> incoming() {
    return Collections.unmodifiableList(incoming);
  }

  public List<ElementModel> children() {
    return Collections.unmodifiableList(children);
  }

  /** The none start event of a container, if it has one. */
  public ElementModel noneStartEvent() {
    return children.stream()
        .filter(c -> c.kind == ElementKind.START_EVENT && c.trigger == null)
        .findFirst()
        .orElse(null);
  }

  /** Start events with a message or timer trigger directly in this container. */
  public List<ElementModel> triggeredStartEvents() {
    return children.stream().filter(c -> c.kind == ElementKind.START_EVENT && c.trigger != null).toList();
  }

  /** Event subprocesses directly inside this container. */
  public List<ElementModel> eventSubProcesses() {
    return children.stream().filter(c -> c.kind == ElementKind.EVENT_SUB_PROCESS).toList();
  }

  /** The single start event of an event subprocess. */
  public ElementModel eventStart() {
    return children.stream().filter(c -> c.kind == ElementKind.START_EVENT).findFirst().orElse(null);
  }

  /** Null for a none event; otherwise what the event waits for or throws. */
  public EventTrigger trigger() {
    return trigger;
  }

  public boolean isInterrupting() {
    return interrupting;
  }

  /** For a boundary event: the activity it is attached to. */
  public ElementModel attachedTo() {
    return attachedTo;
  }

  public List<ElementModel> boundaryEvents() {
    return Collections.unmodifiableList(boundaryEvents);
  }

  public List<Mapping> inputs() {
    return inputs;
  }

  public List<Mapping> outputs() {
    return outputs;
  }

  public FlowModel defaultFlow() {
    if (defaultFlowId == null) {
      return null;
    }
    return outgoing.stream().filter(f -> f.id().equals(defaultFlowId)).findFirst().orElse(null);
  }

  public TaskDefinition taskDefinition() {
    return taskDefinition;
  }

  public CalledElement calledElement() {
    return calledElement;
  }

  /** zeebe:calledDecision of a business rule task; null when it is a job worker task. */
  public CalledDecision calledDecision() {
    return calledDecision;
  }

  /** For a multi-instance body: its loop; null otherwise. */
  public LoopCharacteristics loop() {
    return loop;
  }

  /**
   * For a multi-instance body: the activity it runs once per item, which has the same id and the body
   * as its flow scope; null otherwise.
   */
  public ElementModel innerActivity() {
    return kind == ElementKind.MULTI_INSTANCE_BODY ? children.getFirst() : null;
  }

  public boolean isTerminateEnd() {
    return terminateEnd;
  }

  List<FlowModel> outgoingMutable() {
    return outgoing;
  }

  List<FlowModel> incomingMutable() {
    return incoming;
  }

  void setMappings(List<Mapping> inputs, List<Mapping> outputs) {
    this.inputs = List.copyOf(inputs);
    this.outputs = List.copyOf(outputs);
  }

  void setDefaultFlowId(String defaultFlowId) {
    this.defaultFlowId = defaultFlowId;
  }

  void setTaskDefinition(TaskDefinition taskDefinition) {
    this.taskDefinition = taskDefinition;
  }

  void setCalledElement(CalledElement calledElement) {
    this.calledElement = calledElement;
  }

  void setCalledDecision(CalledDecision calledDecision) {
    this.calledDecision = calledDecision;
  }

  void setTrigger(EventTrigger trigger) {
    this.trigger = trigger;
  }

  void setInterrupting(boolean interrupting) {
    this.interrupting = interrupting;
  }

  void attachTo(ElementModel activity) {
    this.attachedTo = activity;
    activity.boundaryEvents.add(this);
  }

  void setLoop(LoopCharacteristics loop) {
    this.loop = loop;
  }

  void markTerminateEnd() {
    this.terminateEnd = true;
  }

  @Override
  public String toString() {
    return kind + " '" + id + "'";
  }
}
