package dev.journeys.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.JourneysApplication;
import dev.journeys.PrometheusScrape;
import dev.journeys.engine.EngineHarness;
import dev.journeys.orders.OrderJson;
import dev.journeys.orders.ShopClient;
import io.camunda.client.CamundaClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.yaml.snakeyaml.Yaml;

/**
 * The alert rules (docker/prometheus/alerts.yml) and the Grafana dashboard query only metrics a
 * running Journeys really exports, read the way Prometheus reads them: the app is started in each
 * mode — embedded engine, and camunda mode against an engine of its own — sent an order so that its
 * message and job meters exist, and scraped. A renamed or dropped meter fails here.
 *
 * <p>Every alert must work in both modes. Every Grafana panel must show something in each mode:
 * one of its queries reads the app's meters of that mode, or, for camunda mode, Camunda's own
 * metrics (job="camunda"), whose names come from Camunda's metric documentation since no Camunda 8
 * runs here.
 */
class MonitoringQueriesTest {

  private static final Path ALERTS = Path.of("docker/prometheus/alerts.yml");
  private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/journeys.json");
  /** Series Prometheus writes itself for every target. */
  private static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");
  /**
   * Camunda 8's own metrics the dashboard reads in camunda mode, as camunda/camunda documents them:
   * EngineMetricsDoc (executed root instances, job events) and StreamMetricsDoc (batch processing).
   */
  private static final Set<String> CAMUNDA_OWN = Set.of(
      "zeebe_executed_instances_total", "zeebe_job_events_total",
      "zeebe_stream_processor_batch_processing_duration_seconds_bucket");
  private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "inf", "nan", "offset");
  private static final Pattern NAME = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*+)(?!\\s*\\()");
  private static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

  private static ConfigurableApplicationContext embedded;
  private static ConfigurableApplicationContext camunda;
  private static EngineHarness cluster;
  private static Set<String> embeddedNames;
  private static Set<String> camundaNames;

  @BeforeAll
  static void scrapeTheAppInBothModes() {
    embedded = start("embedded", "--journeys.engine.port=0");
    embeddedNames = scrapedAfterAnOrder(embedded, true);
    cluster = EngineHarness.inMemory();
    camunda = start("camunda", "--journeys.engine.mode=camunda",
        "--camunda.client.grpc-address=" + cluster.client().getConfiguration().getGrpcAddress(),
        "--camunda.client.rest-address=" + cluster.restAddress());
    camundaNames = scrapedAfterAnOrder(camunda, false);
  }

  @AfterAll
  static void stop() {
    if (camunda != null) {
      camunda.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (embedded != null) {
      embedded.close();
    }
  }

  private static ConfigurableApplicationContext start(String mode, String... more) {
    List<String> args = new ArrayList<>(List.of("--server.port=0", "--journeys.notify.retry-backoff=1s",
        "--spring.datasource.url=jdbc:h2:mem:monitoring-" + mode + "-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    args.addAll(List.of(more));
    return SpringApplication.run(JourneysApplication.class, args.toArray(String[]::new));
  }

  /**
   * The names of the app's series once an order's confirmation went out (the sandbox mailbox) and
   * the order was cancelled, ending its journey; on the embedded engine, also a journey cancelled
   * by an operator. Meters with tags exist only once something was counted.
   */
  private static Set<String> scrapedAfterAnOrder(ConfigurableApplicationContext app, boolean embeddedEngine) {
    int port = ((WebServerApplicationContext) app).getWebServer().getPort();
    String orderId = OrderJson.newOrderId();
    ShopClient shop = new ShopClient(port);
    assertThat(shop.postOrder(OrderJson.order(orderId, "monitor-" + orderId.toLowerCase() + "@example.com",
        "Mona Monitor", "en")).getStatusCode().value()).isEqualTo(201);
    await().atMost(Duration.ofSeconds(60)).until(() -> PrometheusScrape.of(port),
        s -> s.sum("journeys_messages_total", Map.of("template", "order-confirmation", "outcome", "sent")) >= 1);
    shop.post("/api/orders/" + orderId + "/cancellation", "{\"reason\": \"changed my mind\"}");
    if (embeddedEngine) {
      CamundaClient client = app.getBean(CamundaClient.class);
      long key = client.newCreateInstanceCommand().bpmnProcessId("post-purchase").latestVersion()
          .variables(Map.of("orderId", "no-such-order-" + orderId, "customerId", "nobody",
              "promisedShipBy", "2099-01-01T00:00:00Z", "promisedDeliverBy", "2099-01-02T00:00:00Z"))
          .send().join().getProcessInstanceKey();
      client.newCancelInstanceCommand(key).send().join();
    }
    // Micrometer registers the GC pause timer at the first collection; a fresh app with a large heap
    // may not have had one, and a running one always has
    System.gc();
    PrometheusScrape scrape = await().atMost(Duration.ofSeconds(60)).until(() -> PrometheusScrape.of(port),
        s -> s.sum("journeys_messages_total", Map.of("template", "cancellation-notice", "outcome", "sent")) >= 1
            && s.has("journeys_messages_event_to_send_seconds_bucket") && s.has("journeys_channel_up")
            && s.has("jvm_gc_pause_seconds_count")
            && (!embeddedEngine || s.has("journeys_completed_total") && s.has("journeys_cancelled_total")));
    Set<String> names = new TreeSet<>();
    Matcher m = SERIES.matcher(scrape.text());
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** The metric names a PromQL expression reads: not functions, labels, label values, ranges or keywords. */
  static Set<String> metricNames(String expr) {
    String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
        .replaceAll("\\{[^}]*}", " ")
        .replaceAll("\\[[^]]*]", " ")
        .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
        .replaceAll("\\boffset\\s+\\w+", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = NAME.matcher(bare);
    while (m.find()) {
      if (!PROMQL_WORDS.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  @Test
  void theNameReaderFindsMetricsAndNothingElse() {
    assertThat(metricNames("sum by (channel) (increase(journeys_messages_total{job=\"journeys\",outcome=\"failed\"}[15m])) >= 5"
        + " and rate(a_b[1h] offset 1d) / clamp_min(sum(up), 1e-9) > 0.1"))
        .containsExactly("a_b", "journeys_messages_total", "up");
  }

  @Test
  void bothModesExportTheAppsOwnMetersAndOnlyTheEmbeddedEngineItsEngineMeters() {
    Set<String> both = Set.of("journeys_messages_total", "journeys_inbox_backlog", "journeys_outbox_backlog",
        "journeys_incidents_open", "journeys_channel_up", "journeys_messages_send_seconds_bucket");
    assertThat(embeddedNames).containsAll(both).contains("journeys_engine_commands_seconds_bucket", "journeys_started_total");
    assertThat(camundaNames).containsAll(both).doesNotContain("journeys_engine_commands_seconds_bucket", "journeys_started_total");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyAlertReadsOnlyMetricsTheAppExportsInBothModes() throws IOException {
    List<Map<String, Object>> rules = new ArrayList<>();
    try (InputStream in = Files.newInputStream(ALERTS)) {
      Map<String, Object> file = new Yaml().load(in);
      for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
        rules.addAll((List<Map<String, Object>>) group.get("rules"));
      }
    }
    assertThat(rules).extracting(r -> r.get("alert")).contains("JourneysOpenIncidents", "JourneysInboxBacklog",
        "JourneysParkedEvents", "JourneysSendFailures", "JourneysChannelDown", "JourneysDelayAlertsRising");
    for (Map<String, Object> rule : rules) {
      String alert = (String) rule.get("alert");
      assertThat(rule).as(alert).containsKeys("expr", "for", "labels", "annotations");
      assertThat((Map<String, Object>) rule.get("labels")).as(alert).containsKey("severity");
      assertThat((Map<String, Object>) rule.get("annotations")).as(alert).containsKey("summary");
      Set<String> names = metricNames((String) rule.get("expr"));
      assertThat(names).as(alert).isNotEmpty();
      for (String name : names) {
        if (!PROMETHEUS_OWN.contains(name)) {
          assertThat(embeddedNames).as("%s reads %s: exported in embedded mode", alert, name).contains(name);
          assertThat(camundaNames).as("%s reads %s: exported in camunda mode", alert, name).contains(name);
        }
      }
    }
  }

  @Test
  void prometheusLoadsTheAlertRulesInBothStacks() throws IOException {
    for (String config : List.of("prometheus.yml", "prometheus.scale.yml")) {
      Map<String, Object> file = new Yaml().load(Files.readString(Path.of("docker/prometheus", config)));
      assertThat(file.get("rule_files")).as(config).isEqualTo(List.of("/etc/prometheus/alerts.yml"));
    }
    assertThat(Files.readString(Path.of("docker/compose.yaml")))
        .contains("- ./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
  }

  @Test
  void everyGrafanaPanelShowsSomethingInEachModeAndReadsNoUnknownMetric() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    Set<String> exported = new HashSet<>(embeddedNames);
    exported.addAll(camundaNames);
    for (JsonNode panel : dashboard.get("panels")) {
      if (!panel.has("targets")) {
        continue;
      }
      String title = panel.get("title").asText();
      boolean embeddedShows = false;
      boolean camundaShows = false;
      for (JsonNode target : panel.get("targets")) {
        String expr = target.get("expr").asText();
        Set<String> names = metricNames(expr);
        assertThat(names).as("%s: %s", title, expr).isNotEmpty();
        if (expr.contains("job=\"camunda\"")) {
          assertThat(CAMUNDA_OWN).as("%s: Camunda's own metrics in %s", title, expr).containsAll(names);
          camundaShows = true;
        } else {
          assertThat(exported).as("%s: metrics the app exports in %s", title, expr).containsAll(names);
          embeddedShows |= embeddedNames.containsAll(names);
          camundaShows |= camundaNames.containsAll(names);
        }
      }
      assertThat(embeddedShows).as("panel '%s' shows something in embedded mode", title).isTrue();
      assertThat(camundaShows).as("panel '%s' shows something in camunda mode", title).isTrue();
    }
  }
}
