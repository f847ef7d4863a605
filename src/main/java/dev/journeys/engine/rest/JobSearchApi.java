package dev.journeys.engine.rest;

import io.camunda.client.protocol.rest.JobKindEnum;
import io.camunda.client.protocol.rest.JobSearchQuery;
import io.camunda.client.protocol.rest.JobSearchQueryResult;
import io.camunda.client.protocol.rest.JobSearchResult;
import io.camunda.client.protocol.rest.JobStateEnum;
import java.util.List;
import java.util.Map;

/**
 * Camunda's job search ({@code POST /v2/jobs/search}) over the jobs the engine holds: those of
 * tasks that wait now, for a worker, with a worker, or waiting out a retry back-off. The embedded
 * engine keeps no record of finished jobs, so a search for completed, cancelled or thrown-error jobs
 * finds none. A job waiting for or held by a worker is CREATED, as Camunda reports it; a failed one
 * (retries left and backing off, or out of retries with an incident) is FAILED.
 */
final class JobSearchApi {

  private static final String FROM = "(SELECT j.*, CASE WHEN j.state IN ('ACTIVATABLE', 'ACTIVATED') "
      + "THEN 'CREATED' ELSE 'FAILED' END AS search_state FROM engine_job j) n";

  private static final Map<String, Field> FILTERS = Field.byName(
      Field.key("jobKey", "n.job_key"),
      Field.string("type", "n.job_type"),
      Field.string("worker", "n.worker"),
      Field.oneOf("state", "n.search_state", Field.valuesOf(JobStateEnum.class)),
      Field.oneOf("kind", "'BPMN_ELEMENT'", Field.valuesOf(JobKindEnum.class)),
      Field.integer("retries", "n.retries"),
      Field.predicate("hasFailedWithRetriesLeft", "n.state = 'BACKOFF'"),
      Field.string("errorMessage", "n.error_message"),
      Field.string("elementId", "n.element_id"),
      Field.key("elementInstanceKey", "n.element_instance_key"),
      Field.key("processInstanceKey", "n.process_instance_key"),
      Field.key("processDefinitionKey", "n.process_definition_key"),
      Field.string("processDefinitionId", "n.bpmn_process_id"),
      Field.string("tenantId", "n.tenant_id"));

  private static final Map<String, String> SORTS = Map.ofEntries(
      Map.entry("jobKey", "n.job_key"),
      Map.entry("type", "n.job_type"),
      Map.entry("worker", "n.worker"),
      Map.entry("state", "n.search_state"),
      Map.entry("retries", "n.retries"),
      Map.entry("errorMessage", "n.error_message"),
      Map.entry("elementId", "n.element_id"),
      Map.entry("elementInstanceKey", "n.element_instance_key"),
      Map.entry("processInstanceKey", "n.process_instance_key"),
      Map.entry("processDefinitionKey", "n.process_definition_key"),
      Map.entry("processDefinitionId", "n.bpmn_process_id"),
      Map.entry("tenantId", "n.tenant_id"),
      Map.entry("deadline", "n.due_at"),
      Map.entry("hasFailedWithRetriesLeft", "(CASE WHEN n.state = 'BACKOFF' THEN 1 ELSE 0 END)"),
      // no finished jobs, no denials, no listeners: the same for every row the engine holds
      Map.entry("endTime", "n.job_key"),
      Map.entry("isDenied", "n.job_key"),
      Map.entry("deniedReason", "n.job_key"),
      Map.entry("errorCode", "n.job_key"),
      Map.entry("kind", "n.job_key"),
      Map.entry("listenerEventType", "n.job_key"));

  private final Search search;
  private final SearchSpec<JobSearchResult> spec;

  JobSearchApi(Search search) {
    this.search = search;
    this.spec = new SearchSpec<>("job", FROM,
        "n.job_key, n.job_type, n.worker, n.search_state, n.state, n.retries, n.due_at, n.error_message, "
            + "n.element_id, n.element_instance_key, n.process_instance_key, n.process_definition_key, "
            + "n.bpmn_process_id, n.tenant_id, n.custom_headers",
        FILTERS, SORTS, "n.job_key ASC", JobSearchQuery.class,
        rs -> new JobSearchResult()
            .jobKey(Rows.key(rs, 1))
            .type(rs.getString(2))
            .worker(rs.getString(3) == null ? "" : rs.getString(3))
            .state(JobStateEnum.fromValue(rs.getString(4)))
            .kind(JobKindEnum.BPMN_ELEMENT)
            .hasFailedWithRetriesLeft("BACKOFF".equals(rs.getString(5)))
            .retries(rs.getInt(6))
            .deadline("ACTIVATED".equals(rs.getString(5)) && rs.getObject(7) != null ? Rows.date(rs.getLong(7)) : null)
            .errorMessage(rs.getString(8))
            .elementId(rs.getString(9))
            .elementInstanceKey(Rows.key(rs, 10))
            .processInstanceKey(Rows.key(rs, 11))
            .processDefinitionKey(Rows.key(rs, 12))
            .processDefinitionId(rs.getString(13))
            .tenantId(rs.getString(14))
            .customHeaders(Json.stringMap(rs.getString(15)))
            .isDenied(false));
  }

  void register(Router router) {
    router.add("POST", "/v2/jobs/search", this::search);
  }

  private Reply search(Call call) {
    Search.Found<JobSearchResult> found = search.run(spec, call.json());
    return Reply.json(new JobSearchQueryResult().items(List.copyOf(found.items())).page(found.page()));
  }
}
