package dev.journeys.engine.rest;

import io.camunda.client.protocol.rest.IncidentResolutionRequest;
import io.camunda.client.protocol.rest.IncidentResult;
import io.camunda.client.protocol.rest.IncidentSearchQuery;
import io.camunda.client.protocol.rest.IncidentSearchQueryResult;
import java.util.Map;

/** Incidents, open and resolved, from the engine's history: search, get and resolve. */
final class IncidentApi {

  private static final Map<String, Field> FILTERS = Field.byName(
      Field.key("incidentKey", "n.incident_key"),
      Field.key("processInstanceKey", "n.process_instance_key"),
      Field.key("processDefinitionKey", "n.process_definition_key"),
      Field.string("processDefinitionId", "n.bpmn_process_id"),
      Field.oneOf("state", "n.state", Field.valuesOf(IncidentResult.StateEnum.class)),
      Field.oneOf("errorType", "n.error_type", Field.valuesOf(IncidentResult.ErrorTypeEnum.class)),
      Field.string("errorMessage", "n.error_message"),
      Field.string("elementId", "n.element_id"),
      Field.key("elementInstanceKey", "n.element_instance_key"),
      Field.key("jobKey", "n.job_key"),
      Field.date("creationTime", "n.creation_time"),
      Field.string("tenantId", "n.tenant_id"));

  private static final Map<String, String> SORTS = Map.ofEntries(
      Map.entry("incidentKey", "n.incident_key"),
      Map.entry("processInstanceKey", "n.process_instance_key"),
      Map.entry("processDefinitionKey", "n.process_definition_key"),
      Map.entry("processDefinitionId", "n.bpmn_process_id"),
      Map.entry("state", "n.state"),
      Map.entry("errorType", "n.error_type"),
      Map.entry("errorMessage", "n.error_message"),
      Map.entry("elementId", "n.element_id"),
      Map.entry("elementInstanceKey", "n.element_instance_key"),
      Map.entry("jobKey", "n.job_key"),
      Map.entry("creationTime", "n.creation_time"),
      Map.entry("tenantId", "n.tenant_id"));

  private final Search search;
  private final Commands commands;
  private final SearchSpec<IncidentResult> spec;

  IncidentApi(Search search, Commands commands) {
    this.search = search;
    this.commands = commands;
    this.spec = new SearchSpec<>("incident", "engine_incident_history n",
        "n.incident_key, n.process_instance_key, n.process_definition_key, n.bpmn_process_id, n.state, "
            + "n.error_type, n.error_message, n.element_id, n.element_instance_key, n.job_key, n.creation_time, "
            + "n.tenant_id",
        FILTERS, SORTS, "n.incident_key ASC", IncidentSearchQuery.class,
        rs -> new IncidentResult()
            .incidentKey(Rows.key(rs, 1))
            .processInstanceKey(Rows.key(rs, 2))
            .processDefinitionKey(Rows.key(rs, 3))
            .processDefinitionId(rs.getString(4))
            .state(IncidentResult.StateEnum.fromValue(rs.getString(5)))
            .errorType(IncidentResult.ErrorTypeEnum.fromValue(rs.getString(6)))
            .errorMessage(rs.getString(7))
            .elementId(rs.getString(8))
            .elementInstanceKey(Rows.key(rs, 9))
            .jobKey(Rows.key(rs, 10))
            .creationTime(Rows.date(rs, 11))
            .tenantId(rs.getString(12)));
  }

  void register(Router router) {
    router.add("POST", "/v2/incidents/search", this::search);
    router.add("GET", "/v2/incidents/{incidentKey}", this::get);
    router.add("POST", "/v2/incidents/{incidentKey}/resolution", this::resolve);
  }

  private Reply search(Call call) {
    Search.Found<IncidentResult> found = search.run(spec, call.json());
    return Reply.json(new IncidentSearchQueryResult().items(found.items()).page(found.page()));
  }

  private Reply get(Call call) {
    return Reply.json(search.one(spec, "incidentKey", call.key("incidentKey")));
  }

  private Reply resolve(Call call) {
    long key = call.key("incidentKey");
    Json.model(call.json(), IncidentResolutionRequest.class);
    return commands.run(p -> {
      p.incidents().resolve(key);
      return null;
    });
  }
}
