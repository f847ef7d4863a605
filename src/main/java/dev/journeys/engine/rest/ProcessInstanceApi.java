package dev.journeys.engine.rest;

import dev.journeys.engine.processing.InstanceCommands;
import io.camunda.client.protocol.rest.CancelProcessInstanceRequest;
import io.camunda.client.protocol.rest.ProcessInstanceResult;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQuery;
import io.camunda.client.protocol.rest.ProcessInstanceSearchQueryResult;
import io.camunda.client.protocol.rest.ProcessInstanceStateEnum;
import java.util.Map;

/**
 * Process instances from the engine's history, so ended ones are found too: search, get and cancel.
 * {@code variables} filters match the live variables of the process scope.
 */
final class ProcessInstanceApi {

  static final String HAS_INCIDENT =
      "EXISTS (SELECT 1 FROM engine_incident i WHERE i.process_instance_key = h.process_instance_key)";

  /** The filter properties, shared with the element statistics (which filter the same instances). */
  static final Map<String, Field> FILTERS = Field.byName(
      Field.key("processInstanceKey", "h.process_instance_key"),
      Field.string("processDefinitionId", "h.bpmn_process_id"),
      Field.key("processDefinitionKey", "h.process_definition_key"),
      Field.integer("processDefinitionVersion", "h.process_version"),
      Field.oneOf("state", "h.state", Field.valuesOf(ProcessInstanceStateEnum.class)),
      Field.predicate("hasIncident", HAS_INCIDENT),
      Field.date("startDate", "h.start_date"),
      Field.date("endDate", "h.end_date"),
      Field.key("parentProcessInstanceKey", "h.parent_process_instance_key"),
      Field.key("parentElementInstanceKey", "h.parent_element_instance_key"),
      Field.string("tenantId", "h.tenant_id"),
      Field.variables("variables", "h.process_instance_key"));

  private static final Map<String, String> SORTS = Map.ofEntries(
      Map.entry("processInstanceKey", "h.process_instance_key"),
      Map.entry("processDefinitionId", "h.bpmn_process_id"),
      Map.entry("processDefinitionKey", "h.process_definition_key"),
      Map.entry("processDefinitionVersion", "h.process_version"),
      Map.entry("parentProcessInstanceKey", "h.parent_process_instance_key"),
      Map.entry("parentElementInstanceKey", "h.parent_element_instance_key"),
      Map.entry("startDate", "h.start_date"),
      Map.entry("endDate", "h.end_date"),
      Map.entry("state", "h.state"),
      Map.entry("tenantId", "h.tenant_id"));

  private final Search search;
  private final Commands commands;
  private final SearchSpec<ProcessInstanceResult> spec;

  ProcessInstanceApi(Search search, DefinitionCatalog catalog, Commands commands) {
    this.search = search;
    this.commands = commands;
    this.spec = new SearchSpec<>("process instance", "engine_process_instance_history h",
        "h.process_instance_key, h.process_definition_key, h.bpmn_process_id, h.process_version, h.state, "
            + "h.start_date, h.end_date, h.parent_process_instance_key, h.parent_element_instance_key, h.tenant_id, "
            + "CASE WHEN " + HAS_INCIDENT + " THEN 1 ELSE 0 END",
        FILTERS, SORTS, "h.process_instance_key ASC", ProcessInstanceSearchQuery.class,
        rs -> new ProcessInstanceResult()
            .processInstanceKey(Rows.key(rs, 1))
            .processDefinitionKey(Rows.key(rs, 2))
            .processDefinitionId(rs.getString(3))
            .processDefinitionName(catalog.names(rs.getLong(2)).process())
            .processDefinitionVersion(rs.getInt(4))
            .state(ProcessInstanceStateEnum.fromValue(rs.getString(5)))
            .startDate(Rows.date(rs, 6))
            .endDate(Rows.date(rs, 7))
            .parentProcessInstanceKey(Rows.key(rs, 8))
            .parentElementInstanceKey(Rows.key(rs, 9))
            .tenantId(rs.getString(10))
            .hasIncident(rs.getInt(11) == 1));
  }

  void register(Router router) {
    router.add("POST", "/v2/process-instances/search", this::search);
    router.add("GET", "/v2/process-instances/{processInstanceKey}", this::get);
    router.add("POST", "/v2/process-instances/{processInstanceKey}/cancellation", this::cancel);
  }

  private Reply search(Call call) {
    Search.Found<ProcessInstanceResult> found = search.run(spec, call.json());
    return Reply.json(new ProcessInstanceSearchQueryResult().items(found.items()).page(found.page()));
  }

  private Reply get(Call call) {
    return Reply.json(search.one(spec, "processInstanceKey", call.key("processInstanceKey")));
  }

  private Reply cancel(Call call) {
    long key = call.key("processInstanceKey");
    Json.model(call.json(), CancelProcessInstanceRequest.class);
    return commands.run(p -> {
      new InstanceCommands(p).cancel(key);
      return null;
    });
  }
}
