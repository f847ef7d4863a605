package dev.journeys.engine.rest;

import io.camunda.client.protocol.rest.ProcessDefinitionElementStatisticsQuery;
import io.camunda.client.protocol.rest.ProcessDefinitionElementStatisticsQueryResult;
import io.camunda.client.protocol.rest.ProcessElementStatisticsResult;
import io.camunda.client.protocol.rest.ProcessInstanceElementStatisticsQueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many instances of each element of a definition are active, completed, canceled or in an
 * incident: the numbers drawn on the diagram. Counted from the element history of the instances the
 * filter selects; as in Operate, an element instance with an open incident counts as an incident, not
 * as active, and a multi-instance body only by its incident.
 */
final class ElementStatistics {

  /** The process-instance filter properties that Camunda's statistics filter has too. */
  private static final Set<String> FILTERABLE = Set.of("processInstanceKey", "state", "hasIncident", "startDate",
      "endDate", "parentProcessInstanceKey", "parentElementInstanceKey", "tenantId", "variables");

  private static final String OPEN_INCIDENT =
      "EXISTS (SELECT 1 FROM engine_incident i WHERE i.element_instance_key = e.element_instance_key)";

  /** As in Operate, a multi-instance body counts only by its incidents; its inner instances (same id) count. */
  private static final String NOT_BODY = "e.element_kind <> 'MULTI_INSTANCE_BODY'";

  private static final String COUNTS = "SELECT e.element_id, "
      + "SUM(CASE WHEN e.state = 'ACTIVE' AND " + NOT_BODY + " AND NOT " + OPEN_INCIDENT + " THEN 1 ELSE 0 END), "
      + "SUM(CASE WHEN e.state = 'COMPLETED' AND " + NOT_BODY + " THEN 1 ELSE 0 END), "
      + "SUM(CASE WHEN e.state = 'TERMINATED' AND " + NOT_BODY + " THEN 1 ELSE 0 END), "
      + "SUM(CASE WHEN e.state = 'ACTIVE' AND " + OPEN_INCIDENT + " THEN 1 ELSE 0 END) ";

  private final Search search;
  private final DefinitionCatalog catalog;
  private final Map<String, Field> filters;

  ElementStatistics(Search search, DefinitionCatalog catalog) {
    this.search = search;
    this.catalog = catalog;
    this.filters = Field.byName(ProcessInstanceApi.FILTERS.values().stream()
        .filter(field -> FILTERABLE.contains(field.name()))
        .toArray(Field[]::new));
  }

  void register(Router router) {
    router.add("POST", "/v2/process-definitions/{processDefinitionKey}/statistics/element-instances", this::counts);
    router.add("GET", "/v2/process-instances/{processInstanceKey}/statistics/element-instances", this::ofInstance);
  }

  /** One instance's counts: where it is now (active, incident) and where it has been. */
  private Reply ofInstance(Call call) {
    long instanceKey = call.key("processInstanceKey");
    List<Long> definition = search.query(
        "SELECT process_definition_key FROM engine_process_instance_history WHERE process_instance_key = ?",
        List.of(instanceKey), rs -> rs.getLong(1));
    if (definition.isEmpty()) {
      throw Problem.notFound("Expected to find a process instance with key '%d', but none found", instanceKey);
    }
    Where instance = new Where();
    instance.add("h.process_instance_key = ?", instanceKey);
    return Reply.json(new ProcessInstanceElementStatisticsQueryResult().items(items(definition.get(0), instance)));
  }

  private Reply counts(Call call) {
    long definitionKey = call.key("processDefinitionKey");
    catalog.requireDefinition(definitionKey); // a 404 rather than an empty diagram for a wrong key
    var body = call.json();
    var filter = body.remove("filter");
    Json.model(body, ProcessDefinitionElementStatisticsQuery.class);
    Where instances = Filters.read(filter, filters);
    return Reply.json(new ProcessDefinitionElementStatisticsQueryResult().items(items(definitionKey, instances)));
  }

  /**
   * Unfiltered, the definition's element history is read by its own index. Filtered, the matching
   * instances are found first (by definition and state, e.g. the few running among many finished)
   * and only their elements joined: far fewer rows than testing every element row against a subquery.
   */
  private List<ProcessElementStatisticsResult> items(long definitionKey, Where instances) {
    List<Object> params = new ArrayList<>();
    params.add(definitionKey);
    String sql;
    if (instances.isEmpty()) {
      sql = COUNTS + "FROM engine_element_instance_history e WHERE e.process_definition_key = ?";
    } else {
      sql = COUNTS + "FROM engine_process_instance_history h "
          + "JOIN engine_element_instance_history e ON e.process_instance_key = h.process_instance_key "
          + "WHERE h.process_definition_key = ? AND " + instances.conditions();
      params.addAll(instances.params());
    }
    return search.query(sql + " GROUP BY e.element_id ORDER BY e.element_id", params,
        rs -> new ProcessElementStatisticsResult()
            .elementId(rs.getString(1))
            .active(rs.getLong(2))
            .completed(rs.getLong(3))
            .canceled(rs.getLong(4))
            .incidents(rs.getLong(5)));
  }
}
