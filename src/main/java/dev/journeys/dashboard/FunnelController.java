package dev.journeys.dashboard;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The funnel of a journey version: per element, how many journeys reached it, when after their
 * start, and how many ended there and why; drawn on the diagram and as a table, optionally next to
 * another version. The page, its CSV and the JSON API read the same figures ({@link FunnelReads}).
 */
@Controller
class FunnelController {

  static final String DEFAULT_JOURNEY = "post-purchase";
  private static final long TIMEOUT_SECONDS = 10;

  /** One element's row: figures of the version, formatted where the page shows text. */
  record Row(String elementId, String name, long reached, long entered, double reachedPercent, Long medianMillis,
      Long p90Millis,
      long completed, long cancelled, Long erased, long incidents) {

    public String reachedRate() {
      return percent(reachedPercent);
    }

    public String median() {
      return duration(medianMillis);
    }

    public String p90() {
      return duration(p90Millis);
    }

    public int barWidth() {
      return (int) Math.round(reachedPercent * 2); // 200 px for every journey
    }
  }

  /** One version's funnel. */
  record Version(String journey, int version, long definitionKey, FunnelReads.Source source, Integer precisionPercent,
      FunnelReads.Journeys journeys, List<Row> rows) {

    Optional<Row> row(String elementId) {
      return rows.stream().filter(r -> r.elementId().equals(elementId)).findFirst();
    }
  }

  /** A row of the comparison: the element in both versions (either may be missing). */
  record Compared(String elementId, String name, Row shown, Row other) {

    public String change() {
      if (shown == null || other == null) {
        return "";
      }
      double points = shown.reachedPercent() - other.reachedPercent();
      return String.format(Locale.ROOT, "%+.1f pts", points);
    }
  }

  private final CamundaClient client;
  private final EngineReads engine;
  private final FunnelReads funnels;

  FunnelController(CamundaClient client, EngineReads engine, FunnelReads funnels) {
    this.client = client;
    this.engine = engine;
    this.funnels = funnels;
  }

  @GetMapping("/dashboard/results/funnel")
  String page(@RequestParam(required = false) String journey, @RequestParam(required = false) String version,
      @RequestParam(required = false) String compare, Model model) {
    String id = journey(journey);
    Version shown = version(id, number("version", version));
    Integer compareTo = number("compare", compare);
    Version other = compareTo == null ? null : version(id, compareTo);
    DiagramSvg diagram = engine.diagram(shown.definitionKey());
    model.addAttribute("page", "results");
    model.addAttribute("funnel", shown);
    model.addAttribute("other", other);
    model.addAttribute("compared", other == null ? List.of() : compared(shown, other));
    model.addAttribute("journeys", engine.latestJourneys().stream().map(ProcessDefinition::getProcessDefinitionId).toList());
    model.addAttribute("versions", versions(id));
    model.addAttribute("diagram", diagram.hasLayout() ? render(shown.definitionKey(), diagram, overlay(shown)) : null);
    model.addAttribute("csv", "/dashboard/results/funnel.csv?journey=" + id + "&version=" + shown.version()
        + (other == null ? "" : "&compare=" + other.version()));
    return "dashboard/results-funnel";
  }

  @GetMapping(value = "/dashboard/results/funnel", params = "format=csv")
  ResponseEntity<String> pageCsv(@RequestParam(required = false) String journey,
      @RequestParam(required = false) String version, @RequestParam(required = false) String compare) {
    return csv(journey, version, compare);
  }

  @GetMapping({"/dashboard/results/funnel.csv", "/api/results/funnel.csv"})
  ResponseEntity<String> csv(@RequestParam(required = false) String journey,
      @RequestParam(required = false) String version, @RequestParam(required = false) String compare) {
    String id = journey(journey);
    List<Version> shown = new ArrayList<>();
    shown.add(version(id, number("version", version)));
    Integer compareTo = number("compare", compare);
    if (compareTo != null) {
      shown.add(version(id, compareTo));
    }
    StringBuilder out = new StringBuilder();
    line(out, "journey", "version", "element_id", "element_name", "reached", "times_entered", "reached_percent",
        "since_start_median_seconds", "since_start_p90_seconds", "completed_here", "cancelled_here", "erased_here",
        "incidents_now");
    for (Version v : shown) {
      for (Row r : v.rows()) {
        line(out, v.journey(), Integer.toString(v.version()), r.elementId(), r.name(), Long.toString(r.reached()),
            Long.toString(r.entered()),
            String.format(Locale.ROOT, "%.1f", r.reachedPercent()), seconds(r.medianMillis()), seconds(r.p90Millis()),
            Long.toString(r.completed()), Long.toString(r.cancelled()),
            r.erased() == null ? "" : Long.toString(r.erased()), Long.toString(r.incidents()));
      }
    }
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"funnel-" + id + "-v" + shown.get(0).version()
            + ".csv\"")
        .body(out.toString());
  }

  @GetMapping(value = "/api/results/funnel", params = "format=csv")
  ResponseEntity<String> apiCsv(@RequestParam(required = false) String journey,
      @RequestParam(required = false) String version, @RequestParam(required = false) String compare) {
    return csv(journey, version, compare);
  }

  @GetMapping(value = "/api/results/funnel", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> api(@RequestParam(required = false) String journey,
      @RequestParam(required = false) String version, @RequestParam(required = false) String compare) {
    String id = journey(journey);
    Map<String, Object> body = json(version(id, number("version", version)));
    Integer compareTo = number("compare", compare);
    if (compareTo != null) {
      body.put("compare", json(version(id, compareTo)));
    }
    return body;
  }

  private static Map<String, Object> json(Version v) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("journey", v.journey());
    body.put("version", v.version());
    body.put("processDefinitionKey", Long.toString(v.definitionKey()));
    body.put("source", v.source() == FunnelReads.Source.ENGINE_COUNTERS ? "engine-counters" : "camunda-statistics");
    body.put("precisionPercent", v.precisionPercent());
    body.put("journeys", v.journeys());
    body.put("elements", v.rows());
    return body;
  }

  private String journey(String journey) {
    if (journey == null || journey.isBlank()) {
      return DEFAULT_JOURNEY;
    }
    if (journey.length() > 256 || !journey.matches("[A-Za-z_][A-Za-z0-9_.\\-]*")) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "journey: expected a journey's BPMN process id");
    }
    return journey;
  }

  private static Integer number(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      int number = Integer.parseInt(value.trim());
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ResponseStatusException(HttpStatus.BAD_REQUEST, field + ": expected a version number (1, 2, ...), got '"
        + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "'");
  }

  private List<Integer> versions(String journey) {
    return client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(journey))
        .sort(s -> s.version().desc())
        .page(p -> p.limit(100))
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items().stream()
        .map(ProcessDefinition::getVersion).toList();
  }

  private Version version(String journey, Integer number) {
    List<ProcessDefinition> found = client.newProcessDefinitionSearchRequest()
        .filter(f -> {
          f.processDefinitionId(journey);
          if (number == null) {
            f.isLatestVersion(true);
          } else {
            f.version(number);
          }
        })
        .send().join(TIMEOUT_SECONDS, TimeUnit.SECONDS).items();
    if (found.isEmpty()) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, number == null
          ? "journey: no journey '" + journey + "' is deployed"
          : "version: journey '" + journey + "' has no version " + number);
    }
    ProcessDefinition definition = found.get(0);
    DiagramSvg diagram = engine.diagram(definition.getProcessDefinitionKey());
    FunnelReads.Funnel funnel = funnels.read(definition.getProcessDefinitionKey(), diagram);
    long started = funnel.journeys().started();
    List<Row> rows = new ArrayList<>();
    for (String elementId : diagram.flowNodeIds()) {
      FunnelReads.Step step = funnel.step(elementId);
      rows.add(new Row(elementId, diagram.nameOf(elementId), step.reached(), step.entered(),
          started == 0 ? 0 : 100.0 * step.reached() / started, step.medianMillis(), step.p90Millis(),
          step.completed(), step.cancelled(), step.erased(), step.incidents()));
    }
    return new Version(journey, definition.getVersion(), definition.getProcessDefinitionKey(), funnel.source(),
        funnel.precisionPercent(), funnel.journeys(), rows);
  }

  private static List<Compared> compared(Version shown, Version other) {
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    shown.rows().forEach(r -> ids.add(r.elementId()));
    other.rows().forEach(r -> ids.add(r.elementId()));
    List<Compared> rows = new ArrayList<>();
    for (String id : ids) {
      Row a = shown.row(id).orElse(null);
      Row b = other.row(id).orElse(null);
      rows.add(new Compared(id, a != null ? a.name() : b.name(), a, b));
    }
    return rows;
  }

  /** The last drawing of each version, reused while its figures have not changed (it is the same drawing). */
  private final Map<Long, Map.Entry<DiagramSvg.Overlay, String>> drawn = new java.util.concurrent.ConcurrentHashMap<>();

  private String render(long definitionKey, DiagramSvg diagram, DiagramSvg.Overlay overlay) {
    Map.Entry<DiagramSvg.Overlay, String> last = drawn.get(definitionKey);
    if (last != null && last.getKey().equals(overlay)) {
      return last.getValue();
    }
    String svg = diagram.render(overlay);
    drawn.put(definitionKey, Map.entry(overlay, svg));
    return svg;
  }

  private static DiagramSvg.Overlay overlay(Version v) {
    Map<String, String> notes = new LinkedHashMap<>();
    Map<String, Long> incidents = new LinkedHashMap<>();
    for (Row r : v.rows()) {
      notes.put(r.elementId(), r.reached() + " · " + r.reachedRate());
      if (r.incidents() > 0) {
        incidents.put(r.elementId(), r.incidents());
      }
    }
    return new DiagramSvg.Overlay(Map.of(), incidents, java.util.Set.of(), java.util.Set.of(), notes);
  }

  static String percent(double value) {
    return String.format(Locale.ROOT, "%.1f%%", value);
  }

  /** A duration as people read it: seconds, minutes, hours or days; null when not known. */
  static String duration(Long millis) {
    if (millis == null) {
      return "n/a";
    }
    if (millis < 1000) {
      return "under 1 s";
    }
    double seconds = millis / 1000.0;
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    } else if (seconds < 3600) {
      return String.format(Locale.ROOT, "%.1f min", seconds / 60);
    } else if (seconds < 86_400) {
      return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }
    return String.format(Locale.ROOT, "%.1f days", seconds / 86_400);
  }

  private static String seconds(Long millis) {
    return millis == null ? "" : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
  }

  /** One CSV record (RFC 4180): fields with a comma, quote or line break are quoted, quotes doubled. */
  private static void line(StringBuilder out, String... fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      String field = fields[i] == null ? "" : fields[i];
      if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
        out.append('"').append(field.replace("\"", "\"\"")).append('"');
      } else {
        out.append(field);
      }
    }
    out.append("\r\n");
  }
}
