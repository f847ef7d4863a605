package dev.journeys.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.engine.spring.EngineMeters;
import dev.journeys.notify.ChannelHealthMeters;
import dev.journeys.notify.NotifyMeters;
import dev.journeys.orders.OrdersMeters;
import io.micrometer.core.instrument.Meter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The provisioned Grafana dashboard parses, queries only metrics that exist (Journeys' own from the
 * meter catalogues, the rest from the libraries that publish them), and shows every Journeys meter.
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/journeys.json");
  private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)(?=\\{|\\[|\\)|\\s|$)");
  /**
   * Metrics of the Camunda client, Spring MVC, the JVM and Hikari, which Journeys does not name, and
   * Camunda 8's own (zeebe_, job="camunda"), which the panels show in camunda mode.
   */
  private static final List<String> LIBRARY_PREFIXES =
      List.of("camunda_", "http_server_requests_", "jvm_", "process_", "system_", "hikaricp_", "zeebe_");
  /** PromQL words that look like metric names in an expression. */
  private static final Set<String> PROMQL = Set.of(
      "sum", "by", "rate", "increase", "max", "min", "histogram_quantile", "clamp_min", "le", "job", "type", "action",
      "outcome", "uri", "area", "gc", "state", "status", "channel", "journey", "template", "without", "on",
      "rate_interval", "e");

  @Test
  void everyQueriedMetricExistsAndEveryJourneysMeterIsShown() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Map<String, String> known = prometheusNames();
    Set<String> queried = new HashSet<>();
    for (String expr : dashboard.findValuesAsText("expr")) {
      Matcher m = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
      while (m.find()) {
        String name = m.group(1);
        if (PROMQL.contains(name)) {
          continue;
        }
        queried.add(name);
        if (name.startsWith("journeys_")) {
          assertThat(known).as("metric %s in %s", name, expr).containsKey(name);
        } else {
          assertThat(LIBRARY_PREFIXES).as("metric %s in %s", name, expr).anyMatch(name::startsWith);
        }
      }
    }
    Set<String> shown = new HashSet<>();
    queried.stream().filter(known::containsKey).forEach(name -> shown.add(known.get(name)));
    assertThat(shown).containsExactlyInAnyOrderElementsOf(catalogue().keySet());
  }

  @Test
  void panelIdsAreUniqueAndEveryPanelQueriesThePrometheusDatasource() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel id %s", panel.get("id")).isTrue();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("prometheus");
      }
    }
  }

  /** Every Journeys meter by module; one catalogue class per module. */
  static Map<String, Meter.Type> catalogue() {
    Map<String, Meter.Type> all = new HashMap<>();
    all.putAll(EngineMeters.CATALOGUE);
    all.putAll(NotifyMeters.CATALOGUE);
    all.putAll(ChannelHealthMeters.CATALOGUE);
    all.putAll(OrdersMeters.CATALOGUE);
    return all;
  }

  /** Prometheus series name to the Micrometer meter it comes from, as the Prometheus registry names them. */
  private static Map<String, String> prometheusNames() {
    Map<String, String> names = new HashMap<>();
    catalogue().forEach((meter, type) -> {
      String base = meter.replace('.', '_');
      switch (type) {
        case COUNTER -> names.put(base + "_total", meter);
        case TIMER -> {
          for (String suffix : List.of("_seconds_count", "_seconds_sum", "_seconds_max", "_seconds_bucket")) {
            names.put(base + suffix, meter);
          }
        }
        default -> names.put(base, meter);
      }
    });
    return names;
  }
}
