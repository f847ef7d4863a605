package dev.journeys.dashboard;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.search.response.Variable;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Everything the dashboard reads from the engine, through the Camunda client's REST search requests
 * only: one code path for the embedded engine (which serves that subset of Camunda's REST v2 API)
 * and for a Camunda 8 cluster. Actions (retry, resolve, cancel) go through the client's commands.
 */
@Component
class EngineReads {

  static final int PAGE = 50;
  private static final long TIMEOUT_SECONDS = 10;

  private final CamundaClient client;
  private final Map<Long, DiagramSvg> diagrams = new ConcurrentHashMap<>();

  EngineReads(CamundaClient client) {
    this.client = client;
  }

  /** The latest version of every deployed journey. */
  List<ProcessDefinition> latestJourneys() {
    return client.newProcessDefinitionSearchRequest()
        .filter(f -> f.isLatestVersion(true))
        .sort(s -> s.processDefinitionId().asc())
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
  }

  /** Every version of every journey, for the search form. */
  List<ProcessDefinition> allDefinitions() {
    return client.newProcessDefinitionSearchRequest()
        .sort(s -> s.processDefinitionId().asc())
        .page(p -> p.limit(200))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
  }

  Optional<ProcessDefinition> definition(long key) {
    var found = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionKey(key))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
    return found.stream().findFirst();
  }

  /** The definition's diagram, parsed once: a deployed definition never changes. */
  DiagramSvg diagram(long definitionKey) {
    return diagrams.computeIfAbsent(definitionKey, key ->
        DiagramSvg.parse(client.newProcessDefinitionGetXmlRequest(key).send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS)));
  }

  long count(ProcessInstanceState state, Long definitionKey) {
    return client.newProcessInstanceSearchRequest()
        .filter(f -> {
          f.state(state);
          if (definitionKey != null) {
            f.processDefinitionKey(definitionKey);
          }
        })
        .page(p -> p.limit(1))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).page().totalItems();
  }

  long openIncidents(Long definitionKey) {
    return client.newIncidentSearchRequest()
        .filter(f -> {
          f.state(IncidentState.ACTIVE);
          if (definitionKey != null) {
            f.processDefinitionKey(definitionKey);
          }
        })
        .page(p -> p.limit(1))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).page().totalItems();
  }

  /** Active instances and open incidents per element, over the definition's running instances. */
  DiagramSvg.Overlay counts(long definitionKey) {
    List<ProcessElementStatistics> stats = client.newProcessDefinitionElementStatisticsRequest(definitionKey)
        .filter(f -> f.state(ProcessInstanceState.ACTIVE))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    Map<String, Long> active = stats.stream().filter(s -> s.getActive() > 0)
        .collect(Collectors.toMap(ProcessElementStatistics::getElementId, ProcessElementStatistics::getActive));
    Map<String, Long> incidents = stats.stream().filter(s -> s.getIncidents() > 0)
        .collect(Collectors.toMap(ProcessElementStatistics::getElementId, ProcessElementStatistics::getIncidents));
    return new DiagramSvg.Overlay(active, incidents, java.util.Set.of(), java.util.Set.of());
  }

  SearchResponse<ProcessInstance> instances(Consumer<ProcessInstanceFilter> filter, int from) {
    return client.newProcessInstanceSearchRequest()
        .filter(filter)
        .sort(s -> s.processInstanceKey().desc())
        .page(p -> p.from(from).limit(PAGE))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  Optional<ProcessInstance> instance(long key) {
    return client.newProcessInstanceSearchRequest().filter(f -> f.processInstanceKey(key))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items().stream().findFirst();
  }

  List<ElementInstance> path(long processInstanceKey) {
    return client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .sort(s -> s.elementInstanceKey().asc())
        .page(p -> p.limit(500))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
  }

  List<Variable> variables(long processInstanceKey) {
    return client.newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .sort(s -> s.name().asc())
        .page(p -> p.limit(200))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
  }

  List<Incident> incidentsOf(long processInstanceKey) {
    return client.newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .sort(s -> s.incidentKey().asc())
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
  }

  SearchResponse<Incident> openIncidentPage(int from) {
    return client.newIncidentSearchRequest()
        .filter(f -> f.state(IncidentState.ACTIVE))
        .sort(s -> s.incidentKey().desc())
        .page(p -> p.from(from).limit(PAGE))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** The most open incidents the incidents page groups by kind, and a bulk retry takes on at once. */
  static final int KIND_LIMIT = 10_000;
  private static final int KIND_PAGE = 1_000;

  /**
   * Open incidents, oldest first, matching the filter (on top of "active"), paged through with the
   * search API's cursor up to {@link #KIND_LIMIT}: the same requests on a Camunda 8 cluster.
   */
  List<Incident> openIncidents(Consumer<io.camunda.client.api.search.filter.IncidentFilter> filter) {
    List<Incident> all = new java.util.ArrayList<>();
    String after = null;
    while (all.size() < KIND_LIMIT) {
      String cursor = after;
      int limit = Math.min(KIND_PAGE, KIND_LIMIT - all.size());
      SearchResponse<Incident> page = client.newIncidentSearchRequest()
          .filter(f -> {
            f.state(IncidentState.ACTIVE);
            filter.accept(f);
          })
          .sort(s -> s.incidentKey().asc())
          .page(p -> {
            p.limit(limit);
            if (cursor != null) {
              p.after(cursor);
            }
          })
          .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      all.addAll(page.items());
      after = page.page().endCursor();
      if (page.items().size() < limit || after == null) {
        break;
      }
    }
    return all;
  }

  Optional<Incident> incident(long key) {
    return client.newIncidentSearchRequest().filter(f -> f.incidentKey(key))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items().stream().findFirst();
  }

  /** Gives the incident's job its retries back (when it has a job) and resolves the incident. */
  void retry(Incident incident, int retries) {
    if (incident.getJobKey() != null) {
      client.newUpdateRetriesCommand(incident.getJobKey()).retries(retries).send()
          .join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  void cancel(long processInstanceKey) {
    client.newCancelInstanceCommand(processInstanceKey).send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }
}
