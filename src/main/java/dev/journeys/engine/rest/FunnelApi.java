package dev.journeys.engine.rest;

import dev.journeys.engine.state.TimeBuckets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Journeys' own extension, not part of Camunda's API (hence its path outside /v2): the funnel of
 * one process version from the counters the writer keeps (engine_funnel_element,
 * engine_funnel_timing), so it reads a few rows per element however many journeys ran. Per element:
 * how many journeys reached it and how often it was entered (loops enter again), how long after the
 * journey's start it was first reached (median and 90th percentile, each as its log-scale bucket),
 * how many paths completed there, how many journeys were cancelled or erased
 * while waiting there, and how many wait there in an open incident now. The process's own row
 * (under its id) counts journeys started, completed, cancelled and erased.
 */
final class FunnelApi {

  static final String PATH = "/journeys/v1/process-definitions/{processDefinitionKey}/funnel";

  private record Counts(long journeys, long entered, long completed, long cancelled, long erased) {}

  private final Search search;

  FunnelApi(Search search) {
    this.search = search;
  }

  void register(Router router) {
    router.add("GET", PATH, this::funnel);
  }

  private Reply funnel(Call call) {
    long definitionKey = call.key("processDefinitionKey");
    List<String> process = search.query("SELECT bpmn_process_id FROM engine_process WHERE definition_key = ?",
        List.of(definitionKey), rs -> rs.getString(1));
    if (process.isEmpty()) {
      throw Problem.notFound("Expected to find a process definition with key '%d', but none found", definitionKey);
    }
    Map<String, Counts> counts = new TreeMap<>();
    search.query("SELECT element_id, journeys, entered, completed, cancelled, erased FROM engine_funnel_element "
            + "WHERE process_definition_key = ?", List.of(definitionKey),
        rs -> counts.put(rs.getString(1),
            new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6))));
    Map<String, TreeMap<Integer, Long>> timing = new TreeMap<>();
    search.query("SELECT element_id, bucket, entered FROM engine_funnel_timing WHERE process_definition_key = ?",
        List.of(definitionKey),
        rs -> timing.computeIfAbsent(rs.getString(1), id -> new TreeMap<>()).put(rs.getInt(2), rs.getLong(3)));
    Map<String, Long> incidents = new TreeMap<>();
    search.query("SELECT element_id, COUNT(*) FROM engine_incident WHERE process_definition_key = ? GROUP BY element_id",
        List.of(definitionKey), rs -> incidents.put(rs.getString(1), rs.getLong(2)));

    String processId = process.get(0);
    List<Map<String, Object>> elements = new ArrayList<>();
    for (String elementId : union(counts.keySet(), incidents.keySet())) {
      if (!elementId.equals(processId)) {
        elements.add(element(elementId, counts.get(elementId), timing.get(elementId), incidents.get(elementId)));
      }
    }
    Counts journeys = counts.getOrDefault(processId, new Counts(0, 0, 0, 0, 0));
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("processDefinitionKey", Long.toString(definitionKey));
    reply.put("processDefinitionId", processId);
    reply.put("bucketRatio", TimeBuckets.RATIO);
    reply.put("precisionPercent", TimeBuckets.PRECISION_PERCENT);
    reply.put("journeys", Map.of("started", journeys.journeys(), "completed", journeys.completed(),
        "cancelled", journeys.cancelled(), "erased", journeys.erased(),
        "incidents", incidents.values().stream().mapToLong(Long::longValue).sum()));
    reply.put("elements", elements);
    return Reply.json(reply);
  }

  private static List<String> union(Iterable<String> a, Iterable<String> b) {
    java.util.TreeSet<String> ids = new java.util.TreeSet<>();
    a.forEach(ids::add);
    b.forEach(ids::add);
    return List.copyOf(ids);
  }

  private static Map<String, Object> element(String elementId, Counts counts, TreeMap<Integer, Long> buckets,
      Long incidents) {
    Counts c = counts == null ? new Counts(0, 0, 0, 0, 0) : counts;
    Map<String, Object> element = new LinkedHashMap<>();
    element.put("elementId", elementId);
    element.put("journeys", c.journeys());
    element.put("entered", c.entered());
    element.put("completed", c.completed());
    element.put("cancelled", c.cancelled());
    element.put("erased", c.erased());
    element.put("incidents", incidents == null ? 0L : incidents);
    if (buckets != null && !buckets.isEmpty()) {
      long total = buckets.values().stream().mapToLong(Long::longValue).sum();
      element.put("sinceStartMedian", quantile(buckets, total, 0.5));
      element.put("sinceStartP90", quantile(buckets, total, 0.9));
    }
    return element;
  }

  /** The bucket holding the nearest-rank quantile: the ceil(q·n)-th smallest duration. */
  private static Map<String, Object> quantile(TreeMap<Integer, Long> buckets, long total, double q) {
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    int bucket = buckets.lastKey();
    for (var entry : buckets.entrySet()) {
      seen += entry.getValue();
      if (seen >= rank) {
        bucket = entry.getKey();
        break;
      }
    }
    Map<String, Object> quantile = new LinkedHashMap<>();
    quantile.put("bucket", bucket);
    quantile.put("fromMillis", TimeBuckets.from(bucket));
    quantile.put("untilMillis", TimeBuckets.until(bucket));
    quantile.put("millis", TimeBuckets.middle(bucket));
    return quantile;
  }
}
