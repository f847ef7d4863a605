package dev.journeys.journey;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Open incidents in camunda mode, under the same name the embedded engine's gauge has
 * ({@code journeys.incidents.open}, engine.spring.EngineMeters), so one alert rule and one Grafana
 * panel serve both modes. Read through the cluster's search API (as the dashboard reads them), at
 * most once per {@link #MAX_AGE}; NaN while the cluster does not answer.
 */
@Component
@ConditionalOnProperty(name = "journeys.engine.mode", havingValue = "camunda")
class CamundaIncidentMeters {

  static final String INCIDENTS_OPEN = "journeys.incidents.open";
  private static final Duration MAX_AGE = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(CamundaIncidentMeters.class);

  private final CamundaClient client;
  private double open = Double.NaN;
  private long readAt;
  private boolean read;

  CamundaIncidentMeters(MeterRegistry registry, CamundaClient client) {
    this.client = client;
    Gauge.builder(INCIDENTS_OPEN, this, CamundaIncidentMeters::open)
        .description("Incidents waiting for an operator (Camunda 8 search API)")
        .register(registry);
  }

  private synchronized double open() {
    long now = System.nanoTime();
    if (read && now - readAt < MAX_AGE.toNanos()) {
      return open;
    }
    read = true;
    readAt = now;
    try {
      Long total = client.newIncidentSearchRequest()
          .filter(f -> f.state(IncidentState.ACTIVE))
          .page(p -> p.limit(1))
          .send().join(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .page().totalItems();
      open = total == null ? Double.NaN : total;
    } catch (RuntimeException e) {
      log.debug("Open incidents unknown: the cluster's search API did not answer: {}", e.getMessage());
      open = Double.NaN;
    }
    return open;
  }
}
