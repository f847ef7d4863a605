package dev.journeys.engine.processing;

import dev.journeys.engine.feel.EvaluationResult;
import dev.journeys.engine.model.ElementModel;
import dev.journeys.engine.model.Mapping;
import dev.journeys.engine.state.ElementInstance;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * zeebe:ioMapping. Inputs create local variables of the element; outputs are evaluated in the
 * element's scope and propagated from its flow scope. A failing expression raises an incident.
 */
final class Mappings {

  static final String IO_MAPPING_ERROR = "IO_MAPPING_ERROR";

  private final Processing p;

  Mappings(Processing p) {
    this.p = p;
  }

  boolean applyInputs(ElementInstance instance, ElementModel element) {
    if (element.inputs().isEmpty()) {
      return true;
    }
    Map<String, Object> visible = p.variables().visible(instance.flowScopeKey());
    Map<String, Object> result = evaluate(instance, element.inputs(), visible);
    if (result == null) {
      return false;
    }
    p.variables().setLocal(instance.key(), instance.processInstanceKey(), result);
    return true;
  }

  boolean applyOutputs(ElementInstance instance, ElementModel element) {
    if (element.outputs().isEmpty() || instance.isProcessInstance()) {
      return true;
    }
    Map<String, Object> visible = p.variables().visible(instance.key());
    Map<String, Object> outer = p.variables().visible(instance.flowScopeKey());
    Map<String, Object> result = evaluate(instance, element.outputs(), visible, outer);
    if (result == null) {
      return false;
    }
    p.variables().propagate(instance.flowScopeKey(), result);
    return true;
  }

  private Map<String, Object> evaluate(
      ElementInstance instance, List<Mapping> mappings, Map<String, Object> visible) {
    return evaluate(instance, mappings, visible, Map.of());
  }

  /** Evaluates mappings in order (later ones see earlier results); null after raising an incident. */
  private Map<String, Object> evaluate(
      ElementInstance instance, List<Mapping> mappings, Map<String, Object> visible, Map<String, Object> target) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Mapping mapping : mappings) {
      Map<String, Object> context = new HashMap<>(visible);
      context.putAll(result);
      EvaluationResult value = p.feel().evaluate(mapping.source(), context, instance.elementId());
      if (value.isFailure()) {
        p.incidents().raise(instance, IO_MAPPING_ERROR, value.failure(), null);
        return null;
      }
      putPath(result, mapping.target(), value.value(), target);
    }
    return result;
  }

  /** Sets {@code a.b.c}, merging into an existing context of the same name where there is one. */
  @SuppressWarnings("unchecked")
  private static void putPath(Map<String, Object> result, String path, Object value, Map<String, Object> existing) {
    String[] parts = path.split("\\.");
    Map<String, Object> current = result;
    Map<String, Object> existingLevel = existing;
    for (int i = 0; i < parts.length - 1; i++) {
      Object next = current.get(parts[i]);
      if (!(next instanceof Map)) {
        Object old = existingLevel == null ? null : existingLevel.get(parts[i]);
        next = old instanceof Map<?, ?> oldMap ? new LinkedHashMap<>((Map<String, Object>) oldMap) : new LinkedHashMap<>();
        current.put(parts[i], next);
      }
      Object old = existingLevel == null ? null : existingLevel.get(parts[i]);
      existingLevel = old instanceof Map<?, ?> oldMap ? (Map<String, Object>) oldMap : null;
      current = (Map<String, Object>) next;
    }
    current.put(parts[parts.length - 1], value);
  }
}
