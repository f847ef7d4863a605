package dev.journeys.engine.processing.processors;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.feel.Expression;
import dev.journeys.engine.feel.ZeebeValues;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.LoopCharacteristics;
import dev.journeys.engine.processing.ContainerProcessor;
import dev.journeys.engine.processing.Processing;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.ElementInstance.LifecycleState;
import dev.journeys.engine.state.MultiInstanceStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multi-instance body around an activity, as Zeebe's MultiInstanceBodyProcessor runs it. On
 * activation it reads the input collection (a list, else an EXTRACT_VALUE_ERROR incident on the body,
 * before its boundary events are opened), sets the output collection to a list of nulls on itself,
 * and creates the inner instances: all at once (parallel) or one after the other (sequential); an
 * empty collection completes it at once. Each inner instance gets, as local variables, its item
 * (inputElement), a null for the output element's variable, and loopCounter (1 for the first item),
 * before its own input mappings. When an inner instance completes, its output element goes into the
 * output collection at the loop counter's place and the completion condition is evaluated in its
 * scope with numberOfInstances, numberOfActiveInstances, numberOfCompletedInstances and
 * numberOfTerminatedInstances; when it holds, the other inner instances are terminated and the body
 * completes. On completion the body propagates the output collection to its flow scope.
 */
final class MultiInstanceBodyProcessor implements ContainerProcessor {

  static final String EXTRACT_VALUE_ERROR = "EXTRACT_VALUE_ERROR";

  private final Processing p;
  /** The input collection read before opening the body's events, for its activation right after. */
  private final Map<Long, List<Object>> collections = new HashMap<>();
  /**
   * The collection a parallel body read on activation, for its inner instances activated right after
   * in the same command (nothing can change it in between); dropped once the last one has its item.
   */
  private final Map<Long, List<Object>> activating = new HashMap<>();
  /** Per completing inner instance: whether the completion condition held, and the collection's size. */
  private final Map<Long, PathEnd> pathEnds = new HashMap<>();

  private record PathEnd(boolean conditionHolds, int collectionSize) {}

  MultiInstanceBodyProcessor(Processing p) {
    this.p = p;
  }

  private MultiInstanceStore store() {
    return p.state().multiInstances();
  }

  @Override
  public boolean beforeOpeningEvents(ElementInstance body, ElementModel element) {
    List<Object> items = inputCollection(body, element.loop(), body.key());
    if (items == null) {
      return false;
    }
    collections.put(body.key(), items);
    return true;
  }

  @Override
  public void onActivate(ElementInstance body, ElementModel element) {
    List<Object> items = collections.remove(body.key());
    if (items == null) {
      items = inputCollection(body, element.loop(), body.key());
      if (items == null) {
        return;
      }
    }
    LoopCharacteristics loop = element.loop();
    p.bpmn().markActivated(body);
    store().bodyActivated(body.key());
    if (loop.outputCollection() != null) {
      p.variables().setLocal(body.key(), body.processInstanceKey(),
          singleton(loop.outputCollection(), new ArrayList<>(Collections.nCopies(items.size(), null))));
    }
    ElementInstance activated = body.withState(LifecycleState.ACTIVATED);
    if (items.isEmpty()) {
      p.bpmn().complete(activated, null);
    } else if (loop.sequential()) {
      p.bpmn().activate(element.innerActivity(), activated);
    } else {
      activating.put(body.key(), items);
      for (int i = 0; i < items.size(); i++) {
        p.bpmn().activate(element.innerActivity(), activated);
      }
    }
  }

  @Override
  public boolean beforeChildActivation(ElementInstance body, ElementInstance child) {
    LoopCharacteristics loop = p.bpmn().modelOf(body).loop();
    int loopCounter = store().loopCounter(child.key()).orElseGet(() -> store().innerCreated(body.key(), child.key()));
    List<Object> items = activating.get(body.key());
    if (items == null || loopCounter > items.size()) {
      activating.remove(body.key());
      items = inputCollection(child, loop, child.key());
      if (items == null) {
        return false;
      }
    } else if (loopCounter == items.size()) {
      activating.remove(body.key());
    }
    int index = loopCounter - 1;
    if (index >= items.size()) {
      p.incidents().raise(child, EXTRACT_VALUE_ERROR, ("Expected to read item at index %d of the multiInstanceBody input "
          + "collection but it contains only %d elements. The input collection might be modified while iterating "
          + "over it.").formatted(index, items.size()), null);
      return false;
    }
    Map<String, Object> locals = new LinkedHashMap<>();
    if (loop.inputElement() != null) {
      locals.put(loop.inputElement(), items.get(index));
    }
    // a variable the output element reads is created locally first, so the inner instance's results
    // stay in its own scope instead of propagating past it (the input element and loopCounter exist already)
    String outputVariable = outputVariable(loop.outputElement());
    if (outputVariable != null && !outputVariable.equals(loop.inputElement()) && !outputVariable.equals("loopCounter")) {
      locals.put(outputVariable, null);
    }
    locals.put("loopCounter", loopCounter);
    p.variables().setLocal(child.key(), child.processInstanceKey(), locals);
    return true;
  }

  @Override
  public boolean beforeExecutionPathCompleted(ElementInstance body, ElementInstance child) {
    LoopCharacteristics loop = p.bpmn().modelOf(body).loop();
    int loopCounter = store().loopCounter(child.key()).orElseThrow();
    // what the body's scope sees, and what the inner instance sees (its own variables over the body's)
    Map<String, Object> bodyVisible = p.variables().visible(body.key());
    Map<String, Object> childVisible = new LinkedHashMap<>(bodyVisible);
    childVisible.putAll(p.variables().local(child.key()));
    if (loop.outputCollection() != null && !updateOutputCollection(body, child, loop, loopCounter, childVisible)) {
      return false;
    }
    Boolean conditionHolds = completionCondition(body, child, loop, childVisible);
    if (conditionHolds == null) {
      return false;
    }
    List<Object> items = inputCollection(child, loop, bodyVisible);
    if (items == null) {
      return false;
    }
    pathEnds.put(child.key(), new PathEnd(conditionHolds, items.size()));
    return true;
  }

  @Override
  public void afterExecutionPathCompleted(ElementInstance body, ElementInstance child) {
    PathEnd end = pathEnds.remove(child.key());
    store().innerCompleted(body.key(), child.key());
    if (end.conditionHolds()) {
      for (ElementInstance other : p.state().elementInstances().children(body.key())) {
        p.bpmn().terminate(other);
        store().innerTerminated(body.key(), other.key());
      }
      p.bpmn().complete(body, null);
      return;
    }
    ElementModel element = p.bpmn().modelOf(body);
    MultiInstanceStore.Counts counts = store().counts(body.key());
    if (element.loop().sequential() && counts.created() < end.collectionSize()) {
      p.bpmn().activate(element.innerActivity(), body);
      return;
    }
    if (p.state().elementInstances().countChildren(body.key()) == 0
        && counts.completed() + counts.terminated() >= end.collectionSize()) {
      p.bpmn().complete(body, null);
    }
  }

  @Override
  public boolean onComplete(ElementInstance body, ElementModel element) {
    String outputCollection = element.loop().outputCollection();
    if (outputCollection != null) {
      Map<String, Object> local = p.variables().local(body.key());
      p.variables().propagate(body.flowScopeKey(), singleton(outputCollection, local.get(outputCollection)));
    }
    store().deleteBody(body.key());
    return true;
  }

  @Override
  public void onTerminate(ElementInstance body, ElementModel element) {
    collections.remove(body.key());
    activating.remove(body.key());
    store().deleteBody(body.key());
  }

  /** The input collection evaluated in the given scope; null after raising an incident on {@code owner}. */
  private List<Object> inputCollection(ElementInstance owner, LoopCharacteristics loop, long scopeKey) {
    return inputCollection(owner, loop, p.variables().visible(scopeKey));
  }

  @SuppressWarnings("unchecked")
  private List<Object> inputCollection(ElementInstance owner, LoopCharacteristics loop, Map<String, Object> visible) {
    Expression expression = loop.inputCollection();
    EvaluationResult result = ZeebeValues.evaluate(p.feel(), expression, visible, owner.elementId());
    if (result.isFailure()) {
      p.incidents().raise(owner, EXTRACT_VALUE_ERROR, result.failure(), null);
      return null;
    }
    if (!(result.value() instanceof Collection<?> items)) {
      p.incidents().raise(owner, EXTRACT_VALUE_ERROR, ZeebeValues.wrongType(expression, "ARRAY", result.value()), null);
      return null;
    }
    return items instanceof List<?> list ? (List<Object>) list : new ArrayList<>((Collection<Object>) items);
  }

  /** Puts the inner instance's output element at its loop counter's place; false after an incident. */
  @SuppressWarnings("unchecked")
  private boolean updateOutputCollection(ElementInstance body, ElementInstance child, LoopCharacteristics loop,
      int loopCounter, Map<String, Object> childVisible) {
    String name = loop.outputCollection();
    EvaluationResult element = ZeebeValues.evaluate(p.feel(), loop.outputElement(), childVisible, child.elementId());
    if (element.isFailure()) {
      p.incidents().raise(child, EXTRACT_VALUE_ERROR, element.failure(), null);
      return false;
    }
    Object current = p.variables().local(body.key()).get(name);
    if (current == null) {
      p.incidents().raise(child, EXTRACT_VALUE_ERROR,
          "Expected the output collection variable '%s' to be of type list, but it was NIL".formatted(name), null);
      return false;
    }
    if (!(current instanceof List<?>)) {
      p.incidents().raise(child, EXTRACT_VALUE_ERROR, ("Unable to update an item in output collection '%s' because the "
          + "type of the output collection is: %s. This may happen when multiple BPMN elements write to the same "
          + "variable.").formatted(name, messagePackType(current)), null);
      return false;
    }
    List<Object> collection = new ArrayList<>((List<Object>) current);
    if (loopCounter > collection.size()) {
      p.incidents().raise(child, EXTRACT_VALUE_ERROR, ("Unable to update an item in output collection '%s' at position "
          + "%d because the size of the collection is: %d. This may happen when multiple BPMN elements write to the "
          + "same variable.").formatted(name, loopCounter, collection.size()), null);
      return false;
    }
    collection.set(loopCounter - 1, element.value());
    p.variables().setLocal(body.key(), body.processInstanceKey(), singleton(name, collection));
    return true;
  }

  /**
   * Whether the completion condition holds after this inner instance; false without one; null after
   * an incident. The numberOf... variables count the completing instance as completed, no longer active.
   */
  private Boolean completionCondition(ElementInstance body, ElementInstance child, LoopCharacteristics loop,
      Map<String, Object> childVisible) {
    Expression condition = loop.completionCondition();
    if (condition == null) {
      return false;
    }
    MultiInstanceStore.Counts counts = store().counts(body.key());
    Map<String, Object> context = new LinkedHashMap<>(childVisible);
    context.put("numberOfInstances", counts.created());
    context.put("numberOfActiveInstances", p.state().elementInstances().countChildren(body.key()) - 1);
    context.put("numberOfCompletedInstances", counts.completed() + 1);
    context.put("numberOfTerminatedInstances", counts.terminated());
    EvaluationResult result = ZeebeValues.evaluate(p.feel(), condition, context, child.elementId());
    if (result.isFailure()) {
      p.incidents().raise(child, EXTRACT_VALUE_ERROR, result.failure(), null);
      return null;
    }
    if (!(result.value() instanceof Boolean holds)) {
      p.incidents().raise(child, EXTRACT_VALUE_ERROR, ZeebeValues.wrongType(condition, "BOOLEAN", result.value()), null);
      return null;
    }
    return holds;
  }

  /** The variable an output element that is a variable or a property path of one reads, else null. */
  private static String outputVariable(Expression outputElement) {
    if (outputElement == null || !outputElement.isPath() || outputElement.path().isEmpty()) {
      return null;
    }
    return outputElement.path().getFirst();
  }

  /** How Zeebe's MessagePack names the type of a stored value. */
  private static String messagePackType(Object value) {
    if (value instanceof Map<?, ?>) {
      return "MAP";
    }
    if (value instanceof Boolean) {
      return "BOOLEAN";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
      return "INTEGER";
    }
    if (value instanceof Number) {
      return "FLOAT";
    }
    return "STRING";
  }

  private static Map<String, Object> singleton(String name, Object value) {
    Map<String, Object> map = new HashMap<>();
    map.put(name, value);
    return map;
  }
}
