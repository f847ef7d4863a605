package dev.journeys.engine.model;

import java.util.Map;

/** An executable process: its elements by id, ready for the processors. */
public record ProcessModel(String bpmnProcessId, ElementModel process, Map<String, ElementModel> elements) {

  public ElementModel element(String elementId) {
    ElementModel element = elements.get(elementId);
    if (element == null) {
      throw new IllegalStateException(
          "Expected element '%s' in process '%s', but it does not exist"
              .formatted(elementId, bpmnProcessId));
    }
    return element;
  }
}
