package dev.journeys.engine.processing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.engine.state.ElementInstance;
import dev.journeys.engine.state.ElementInstanceStore;
import dev.journeys.engine.state.VariableStore;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variable scoping as in Zeebe: every element instance is a scope; reading sees the nearest
 * definition; propagation sets a variable where it already exists, or else at the process instance.
 */
public final class Variables {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> DOCUMENT = new TypeReference<>() {};

  private final VariableStore store;
  private final ElementInstanceStore instances;

  Variables(VariableStore store, ElementInstanceStore instances) {
    this.store = store;
    this.instances = instances;
  }

  /** Parses a variables document from a client: empty means none; anything but a JSON object is rejected. */
  public static Map<String, Object> parseDocument(String document, String what) {
    if (document == null || document.isBlank()) {
      return Map.of();
    }
    try {
      Map<String, Object> parsed = JSON.readValue(document, DOCUMENT);
      if (parsed == null) {
        throw Rejection.invalidArgument("Expected %s to be a JSON object, but it is null", what);
      }
      return parsed;
    } catch (JsonProcessingException e) {
      throw Rejection.invalidArgument(
          "Expected %s to be a JSON object, but it is not: %s", what, e.getOriginalMessage());
    }
  }

  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Expected a JSON-serialisable value, but: " + e.getMessage(), e);
    }
  }

  static Object fromJson(String json) {
    try {
      return JSON.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored variable is not valid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /** All variables visible from a scope as JSON text; inner scopes shadow outer ones. */
  public Map<String, String> visibleJson(long scopeKey) {
    Map<String, String> visible = new LinkedHashMap<>();
    Long current = scopeKey;
    while (current != null) {
      store.local(current).forEach(visible::putIfAbsent);
      current = instances.find(current).map(ElementInstance::flowScopeKey).orElse(null);
    }
    return visible;
  }

  /** Visible variables as Java values, for FEEL. */
  public Map<String, Object> visible(long scopeKey) {
    Map<String, Object> values = new LinkedHashMap<>();
    visibleJson(scopeKey).forEach((name, json) -> values.put(name, fromJson(json)));
    return values;
  }

  public Map<String, Object> local(long scopeKey) {
    Map<String, Object> values = new LinkedHashMap<>();
    store.local(scopeKey).forEach((name, json) -> values.put(name, fromJson(json)));
    return values;
  }

  /** A JSON object of the chosen visible variables (all when names is empty). */
  public String document(long scopeKey, Collection<String> names) {
    Map<String, String> visible = visibleJson(scopeKey);
    StringBuilder json = new StringBuilder("{");
    visible.forEach((name, value) -> {
      if (names.isEmpty() || names.contains(name)) {
        if (json.length() > 1) {
          json.append(',');
        }
        json.append(toJson(name)).append(':').append(value);
      }
    });
    return json.append('}').toString();
  }

  public void setLocal(long scopeKey, long processInstanceKey, Map<String, Object> variables) {
    variables.forEach((name, value) -> store.put(scopeKey, processInstanceKey, name, toJson(value)));
  }

  /** Sets each variable on the nearest scope from {@code scopeKey} up that has it, else on the root. */
  public void propagate(long scopeKey, Map<String, Object> variables) {
    if (variables.isEmpty()) {
      return;
    }
    Map<String, Object> pending = new LinkedHashMap<>(variables);
    Long current = scopeKey;
    ElementInstance scope = null;
    while (current != null && !pending.isEmpty()) {
      scope = instances.find(current).orElseThrow();
      long key = current;
      long processInstanceKey = scope.processInstanceKey();
      pending.entrySet().removeIf(entry -> {
        if (store.exists(key, entry.getKey())) {
          store.put(key, processInstanceKey, entry.getKey(), toJson(entry.getValue()));
          return true;
        }
        return false;
      });
      current = scope.flowScopeKey();
    }
    if (scope != null && !pending.isEmpty()) {
      setLocal(scope.key(), scope.processInstanceKey(), pending);
    }
  }

  public void deleteScope(long scopeKey) {
    store.deleteScope(scopeKey);
  }
}
