package dev.journeys.engine.rest;

import io.camunda.client.protocol.rest.ElementInstanceResult;
import io.camunda.client.protocol.rest.ElementInstanceSearchQuery;
import io.camunda.client.protocol.rest.ElementInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ElementInstanceStateEnum;
import java.util.Map;

/** Element instances from the engine's history: the path an instance took and where it is now. */
final class ElementInstanceApi {

  private static final String INCIDENT_KEY =
      "(SELECT MIN(i.incident_key) FROM engine_incident i WHERE i.element_instance_key = e.element_instance_key)";

  private static final Map<String, Field> FILTERS = Field.byName(
      Field.key("elementInstanceKey", "e.element_instance_key"),
      Field.key("processInstanceKey", "e.process_instance_key"),
      Field.key("processDefinitionKey", "e.process_definition_key"),
      Field.string("processDefinitionId", "e.bpmn_process_id"),
      Field.string("elementId", "e.element_id"),
      Field.oneOf("type", "e.element_kind", Field.valuesOf(ElementInstanceResult.TypeEnum.class)),
      Field.oneOf("state", "e.state", Field.valuesOf(ElementInstanceStateEnum.class)),
      Field.predicate("hasIncident", INCIDENT_KEY + " IS NOT NULL"),
      Field.key("incidentKey", INCIDENT_KEY),
      Field.date("startDate", "e.start_date"),
      Field.date("endDate", "e.end_date"),
      Field.key("elementInstanceScopeKey", "e.flow_scope_key"),
      Field.string("tenantId", "'<default>'"));

  private static final Map<String, String> SORTS = Map.of(
      "elementInstanceKey", "e.element_instance_key",
      "processInstanceKey", "e.process_instance_key",
      "processDefinitionKey", "e.process_definition_key",
      "processDefinitionId", "e.bpmn_process_id",
      "elementId", "e.element_id",
      "type", "e.element_kind",
      "state", "e.state",
      "startDate", "e.start_date",
      "endDate", "e.end_date");

  private final Search search;
  private final SearchSpec<ElementInstanceResult> spec;

  ElementInstanceApi(Search search, DefinitionCatalog catalog) {
    this.search = search;
    this.spec = new SearchSpec<>("element instance", "engine_element_instance_history e",
        "e.element_instance_key, e.process_instance_key, e.process_definition_key, e.bpmn_process_id, "
            + "e.element_id, e.element_kind, e.state, e.start_date, e.end_date, " + INCIDENT_KEY,
        FILTERS, SORTS, "e.element_instance_key ASC", ElementInstanceSearchQuery.class,
        rs -> new ElementInstanceResult()
            .elementInstanceKey(Rows.key(rs, 1))
            .processInstanceKey(Rows.key(rs, 2))
            .processDefinitionKey(Rows.key(rs, 3))
            .processDefinitionId(rs.getString(4))
            .elementId(rs.getString(5))
            .elementName(catalog.names(rs.getLong(3)).element(rs.getString(5)))
            .type(ElementInstanceResult.TypeEnum.fromValue(rs.getString(6)))
            .state(ElementInstanceStateEnum.fromValue(rs.getString(7)))
            .startDate(Rows.date(rs, 8))
            .endDate(Rows.date(rs, 9))
            .incidentKey(Rows.key(rs, 10))
            .hasIncident(rs.getObject(10) != null)
            .tenantId("<default>"));
  }

  void register(Router router) {
    router.add("POST", "/v2/element-instances/search", this::search);
    router.add("GET", "/v2/element-instances/{elementInstanceKey}", this::get);
  }

  private Reply search(Call call) {
    Search.Found<ElementInstanceResult> found = search.run(spec, call.json());
    return Reply.json(new ElementInstanceSearchQueryResult().items(found.items()).page(found.page()));
  }

  private Reply get(Call call) {
    return Reply.json(search.one(spec, "elementInstanceKey", call.key("elementInstanceKey")));
  }
}
