package dev.journeys.engine.rest;

import dev.journeys.engine.rest.DefinitionCatalog.Names;
import io.camunda.client.protocol.rest.ProcessDefinitionResult;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQuery;
import io.camunda.client.protocol.rest.ProcessDefinitionSearchQueryResult;
import java.util.Map;

/** Deployed process definitions: search, get, and the BPMN XML for drawing the diagram. */
final class ProcessDefinitionApi {

  private static final String LATEST =
      "p.version = (SELECT MAX(l.version) FROM engine_process l WHERE l.bpmn_process_id = p.bpmn_process_id)";

  private static final Map<String, Field> FILTERS = Field.byName(
      Field.key("processDefinitionKey", "p.definition_key"),
      Field.string("processDefinitionId", "p.bpmn_process_id"),
      Field.integer("version", "p.version"),
      Field.predicate("isLatestVersion", LATEST),
      Field.string("resourceName", "p.resource_name"),
      Field.string("tenantId", "p.tenant_id"));

  private static final Map<String, String> SORTS = Map.of(
      "processDefinitionKey", "p.definition_key",
      "processDefinitionId", "p.bpmn_process_id",
      "version", "p.version",
      "resourceName", "p.resource_name",
      "tenantId", "p.tenant_id");

  private final Search search;
  private final DefinitionCatalog catalog;
  private final SearchSpec<ProcessDefinitionResult> spec;

  ProcessDefinitionApi(Search search, DefinitionCatalog catalog) {
    this.search = search;
    this.catalog = catalog;
    this.spec = new SearchSpec<>("process definition", "engine_process p",
        "p.definition_key, p.bpmn_process_id, p.version, p.resource_name, p.tenant_id",
        FILTERS, SORTS, "p.definition_key ASC", ProcessDefinitionSearchQuery.class,
        rs -> withName(new ProcessDefinitionResult()
            .processDefinitionKey(Rows.key(rs, 1))
            .processDefinitionId(rs.getString(2))
            .version(rs.getInt(3))
            .resourceName(rs.getString(4))
            .tenantId(rs.getString(5))
            .hasStartForm(false), rs.getLong(1)));
  }

  void register(Router router) {
    router.add("POST", "/v2/process-definitions/search", this::search);
    router.add("GET", "/v2/process-definitions/{processDefinitionKey}", this::get);
    router.add("GET", "/v2/process-definitions/{processDefinitionKey}/xml", this::xml);
  }

  private ProcessDefinitionResult withName(ProcessDefinitionResult result, long definitionKey) {
    Names names = catalog.names(definitionKey);
    return result.name(names.process());
  }

  private Reply search(Call call) {
    Search.Found<ProcessDefinitionResult> found = search.run(spec, call.json());
    return Reply.json(new ProcessDefinitionSearchQueryResult().items(found.items()).page(found.page()));
  }

  private Reply get(Call call) {
    return Reply.json(search.one(spec, "processDefinitionKey", call.key("processDefinitionKey")));
  }

  private Reply xml(Call call) {
    return Reply.xml(catalog.xml(call.key("processDefinitionKey")));
  }
}
