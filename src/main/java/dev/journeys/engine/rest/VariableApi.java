package dev.journeys.engine.rest;

import io.camunda.client.protocol.rest.VariableResult;
import io.camunda.client.protocol.rest.VariableSearchQuery;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import io.camunda.client.protocol.rest.VariableSearchResult;
import java.util.Map;

/** The live variables of running instances, values as JSON text; a scope's variables end with it. */
final class VariableApi {

  private static final Map<String, Field> FILTERS = Field.byName(
      Field.key("variableKey", "v.variable_key"),
      Field.key("processInstanceKey", "v.process_instance_key"),
      Field.key("scopeKey", "v.scope_key"),
      Field.string("name", "v.name"),
      Field.string("value", "v.var_value"),
      Field.string("tenantId", "'<default>'"));

  private static final Map<String, String> SORTS = Map.of(
      "variableKey", "v.variable_key",
      "processInstanceKey", "v.process_instance_key",
      "scopeKey", "v.scope_key",
      "name", "v.name",
      "value", "v.var_value");

  private static final String COLUMNS = "v.variable_key, v.name, v.var_value, v.scope_key, v.process_instance_key";

  private final Search search;
  private final SearchSpec<VariableSearchResult> spec;
  private final SearchSpec<VariableResult> single;

  VariableApi(Search search) {
    this.search = search;
    this.spec = new SearchSpec<>("variable", "engine_variable v", COLUMNS, FILTERS, SORTS,
        "v.scope_key ASC, v.name ASC", VariableSearchQuery.class,
        rs -> new VariableSearchResult()
            .variableKey(Rows.key(rs, 1))
            .name(rs.getString(2))
            .value(rs.getString(3))
            .isTruncated(false)
            .scopeKey(Rows.key(rs, 4))
            .processInstanceKey(Rows.key(rs, 5))
            .tenantId("<default>"));
    this.single = new SearchSpec<>("variable", "engine_variable v", COLUMNS, FILTERS, SORTS,
        "v.scope_key ASC, v.name ASC", VariableSearchQuery.class,
        rs -> new VariableResult()
            .variableKey(Rows.key(rs, 1))
            .name(rs.getString(2))
            .value(rs.getString(3))
            .scopeKey(Rows.key(rs, 4))
            .processInstanceKey(Rows.key(rs, 5))
            .tenantId("<default>"));
  }

  void register(Router router) {
    router.add("POST", "/v2/variables/search", this::search);
    router.add("GET", "/v2/variables/{variableKey}", this::get);
  }

  private Reply search(Call call) {
    Search.Found<VariableSearchResult> found = search.run(spec, call.json());
    return Reply.json(new VariableSearchQueryResult().items(found.items()).page(found.page()));
  }

  private Reply get(Call call) {
    return Reply.json(search.one(single, "variableKey", call.key("variableKey")));
  }
}
