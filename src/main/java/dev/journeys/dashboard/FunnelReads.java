package dev.journeys.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The funnel of one journey version, from the engine. On the embedded engine: its own funnel
 * endpoint (Journeys' extension under /journeys/v1, exact counters the engine's writer keeps, with
 * entry times). In camunda mode, or when that endpoint cannot be reached: Camunda's element
 * statistics and process-instance searches, which have no entry times and do not tell erased
 * journeys from cancelled ones.
 */
@Component
class FunnelReads {

  private static final Logger log = LoggerFactory.getLogger(FunnelReads.class);
  private static final long TIMEOUT_SECONDS = 10;

  /** Where the figures came from. */
  enum Source {
    ENGINE_COUNTERS,
    CAMUNDA_STATISTICS
  }

  /** The version's journeys: started, completed, cancelled, erased (null when unknown), in an incident now. */
  record Journeys(long started, long completed, long cancelled, Long erased, long incidents) {}

  /**
   * One element: how many journeys reached it (in camunda mode: how often it was entered), how often
   * it was entered, when after the journey's start it was first reached (null when unknown), and how
   * many journeys ended there: completed, cancelled, erased (null when unknown), in an incident now.
   */
  record Step(long reached, long entered, Long medianMillis, Long p90Millis, long completed, long cancelled,
      Long erased, long incidents) {

    static final Step NONE = new Step(0, 0, null, null, 0, 0, 0L, 0);
  }

  record Funnel(Source source, Integer precisionPercent, Journeys journeys, Map<String, Step> steps) {

    Step step(String elementId) {
      Step step = steps.get(elementId);
      if (step != null) {
        return step;
      }
      return source == Source.ENGINE_COUNTERS ? Step.NONE : new Step(0, 0, null, null, 0, 0, null, 0);
    }
  }

  private final CamundaClient client;
  private final EngineExtension engine;
  private final boolean embedded;

  FunnelReads(CamundaClient client, ObjectMapper json, @Value("${journeys.engine.mode:embedded}") String mode) {
    this.client = client;
    this.engine = new EngineExtension(client, json);
    this.embedded = !"camunda".equalsIgnoreCase(mode.trim());
  }

  Funnel read(long definitionKey, DiagramSvg diagram) {
    if (embedded) {
      try {
        return fromCounters(definitionKey);
      } catch (IOException | RuntimeException e) {
        log.warn("Could not read the engine's funnel of definition {}, falling back to its statistics: {}",
            definitionKey, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while reading the funnel", e);
      }
    }
    return fromStatistics(definitionKey, diagram);
  }

  private Funnel fromCounters(long definitionKey) throws IOException, InterruptedException {
    JsonNode body = engine.get("/journeys/v1/process-definitions/" + definitionKey + "/funnel");
    JsonNode j = body.path("journeys");
    Journeys journeys = new Journeys(j.path("started").asLong(), j.path("completed").asLong(),
        j.path("cancelled").asLong(), j.path("erased").asLong(), j.path("incidents").asLong());
    Map<String, Step> steps = new HashMap<>();
    for (JsonNode e : body.path("elements")) {
      steps.put(e.path("elementId").asText(), new Step(e.path("journeys").asLong(), e.path("entered").asLong(),
          millis(e.path("sinceStartMedian")),
          millis(e.path("sinceStartP90")), e.path("completed").asLong(), e.path("cancelled").asLong(),
          e.path("erased").asLong(), e.path("incidents").asLong()));
    }
    return new Funnel(Source.ENGINE_COUNTERS, body.path("precisionPercent").asInt(), journeys, steps);
  }

  private static Long millis(JsonNode quantile) {
    return quantile.isMissingNode() || quantile.isNull() ? null : quantile.path("millis").asLong();
  }

  /**
   * From Camunda's statistics: reached = entered = active + completed + canceled + incidents of the
   * element (element instances: a journey passing a step twice counts twice);
   * completed there = completed of an element where a path ends; cancelled there = canceled of the
   * element among cancelled journeys (not counting subprocesses, which contain the waiting step).
   */
  private Funnel fromStatistics(long definitionKey, DiagramSvg diagram) {
    Map<String, ProcessElementStatistics> all = byElement(client.newProcessDefinitionElementStatisticsRequest(definitionKey)
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    Map<String, ProcessElementStatistics> ofCancelled = byElement(
        client.newProcessDefinitionElementStatisticsRequest(definitionKey)
            .filter(f -> f.state(ProcessInstanceState.TERMINATED))
            .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    var ends = diagram.pathEnds();
    Map<String, Step> steps = new HashMap<>();
    long incidents = 0;
    for (ProcessElementStatistics s : all.values()) {
      String id = s.getElementId();
      ProcessElementStatistics cancelled = ofCancelled.get(id);
      long entered = s.getActive() + s.getCompleted() + s.getCanceled() + s.getIncidents();
      steps.put(id, new Step(entered, entered, null, null,
          ends.contains(id) ? s.getCompleted() : 0,
          cancelled == null || diagram.isContainer(id) ? 0 : cancelled.getCanceled(), null, s.getIncidents()));
      incidents += s.getIncidents();
    }
    Journeys journeys = new Journeys(count(definitionKey, null), count(definitionKey, ProcessInstanceState.COMPLETED),
        count(definitionKey, ProcessInstanceState.TERMINATED), null, incidents);
    return new Funnel(Source.CAMUNDA_STATISTICS, null, journeys, steps);
  }

  private static Map<String, ProcessElementStatistics> byElement(List<ProcessElementStatistics> statistics) {
    return statistics.stream().collect(Collectors.toMap(ProcessElementStatistics::getElementId, Function.identity()));
  }

  private long count(long definitionKey, ProcessInstanceState state) {
    return client.newProcessInstanceSearchRequest()
        .filter(f -> {
          f.processDefinitionKey(definitionKey);
          if (state != null) {
            f.state(state);
          }
        })
        .page(p -> p.limit(1))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).page().totalItems();
  }

  /** Whether figures come from the embedded engine's own counters when it answers. */
  boolean embedded() {
    return embedded;
  }
}
