package dev.journeys.dashboard;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The numbers on a journey's diagram (running instances and open incidents per element, and in
 * total). Counting them reads every running instance's element history, which grows with the number
 * of instances; so a page shows the last count, at most journeys.dashboard.counts-max-age old, and a
 * stale count is refreshed in the background while the page answers at once (the first look at a
 * journey counts while you wait). Page latency then stays flat however many instances there are.
 */
@Component
class JourneyCounts implements AutoCloseable {

  record Counts(DiagramSvg.Overlay overlay, long active, long incidents, long countedAtMillis) {}

  private static final Logger log = LoggerFactory.getLogger(JourneyCounts.class);

  private final EngineReads engine;
  private final long maxAgeMillis;
  private final Map<Long, Counts> counts = new ConcurrentHashMap<>();
  private final Map<Long, Boolean> refreshing = new ConcurrentHashMap<>();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(
      Thread.ofVirtual().name("dashboard-counts").factory());

  JourneyCounts(EngineReads engine, DashboardProperties properties) {
    this.engine = engine;
    this.maxAgeMillis = properties.countsMaxAge().toMillis();
  }

  Counts of(long definitionKey) {
    Counts last = counts.get(definitionKey);
    if (last == null || maxAgeMillis == 0) {
      return count(definitionKey);
    }
    if (System.currentTimeMillis() - last.countedAtMillis() > maxAgeMillis
        && refreshing.putIfAbsent(definitionKey, Boolean.TRUE) == null) {
      refresher.execute(() -> {
        try {
          count(definitionKey);
        } catch (RuntimeException e) {
          log.warn("Could not refresh the dashboard's counts of definition {}: {}", definitionKey, e.getMessage());
        } finally {
          refreshing.remove(definitionKey);
        }
      });
    }
    return last;
  }

  private Counts count(long definitionKey) {
    Counts fresh = new Counts(engine.counts(definitionKey), engine.count(ProcessInstanceState.ACTIVE, definitionKey),
        engine.openIncidents(definitionKey), System.currentTimeMillis());
    counts.put(definitionKey, fresh);
    return fresh;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
