package dev.journeys.engine.rest;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names of processes and their elements, which Camunda's results carry but the engine's tables do
 * not: read from the deployed BPMN once per definition and kept, since a deployed version never changes.
 */
final class DefinitionCatalog {

  /** A process definition's name and its elements' names by id; names may be null, as in BPMN. */
  record Names(String process, Map<String, String> elements) {

    String element(String elementId) {
      return elements.get(elementId);
    }
  }

  private static final Names NONE = new Names(null, Map.of());

  private final Search search;
  private final Map<Long, Names> byKey = new ConcurrentHashMap<>();

  DefinitionCatalog(Search search) {
    this.search = search;
  }

  Names names(long definitionKey) {
    Names names = byKey.get(definitionKey);
    if (names == null) {
      names = load(definitionKey);
      if (names != NONE) {
        byKey.put(definitionKey, names);
      }
    }
    return names;
  }

  /** The BPMN XML of a deployed definition; 404 when there is none. */
  String xml(long definitionKey) {
    List<String> xml = search.query("SELECT resource FROM engine_process WHERE definition_key = ?",
        List.of(definitionKey), rs -> rs.getString(1));
    if (xml.isEmpty()) {
      throw Problem.notFound("Expected to find a process definition with key '%d', but none found", definitionKey);
    }
    return xml.get(0);
  }

  void requireDefinition(long definitionKey) {
    if (search.query("SELECT 1 FROM engine_process WHERE definition_key = ?", List.of(definitionKey),
        rs -> rs.getInt(1)).isEmpty()) {
      throw Problem.notFound("Expected to find a process definition with key '%d', but none found", definitionKey);
    }
  }

  private Names load(long definitionKey) {
    List<String[]> rows = search.query("SELECT bpmn_process_id, resource FROM engine_process WHERE definition_key = ?",
        List.of(definitionKey), rs -> new String[] {rs.getString(1), rs.getString(2)});
    if (rows.isEmpty()) {
      return NONE;
    }
    BpmnModelInstance model = Bpmn.readModelFromStream(
        new ByteArrayInputStream(rows.get(0)[1].getBytes(StandardCharsets.UTF_8)));
    Process process = model.getModelElementById(rows.get(0)[0]);
    Map<String, String> elements = new HashMap<>();
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      if (element.getName() != null) {
        elements.put(element.getId(), element.getName());
      }
    }
    return new Names(process == null ? null : process.getName(), Map.copyOf(elements));
  }
}
