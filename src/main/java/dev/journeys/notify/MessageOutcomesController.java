package dev.journeys.notify;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/results/messages?from=2026-03-01&to=2026-03-28}: the message outcomes of a period
 * (the last 28 days by default) as JSON; {@code .csv} or {@code format=csv} gives the outcomes table
 * as CSV, and {@code table=reasons} the reasons table. Role viewer.
 */
@RestController
class MessageOutcomesController {

  private final MessageOutcomes outcomes;

  MessageOutcomesController(MessageOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @GetMapping("/api/results/messages")
  ResponseEntity<?> report(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String format, @RequestParam(required = false) String table) {
    if (format != null && !format.equals("csv") && !format.equals("json")) {
      throw new BadField("format", "Expected 'format' to be csv or json");
    }
    if ("csv".equals(format)) {
      return csv(from, to, table);
    }
    return ResponseEntity.ok(outcomes.report(outcomes.period(from, to)));
  }

  @GetMapping("/api/results/messages.csv")
  ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String table) {
    return csvOf(outcomes, from, to, table);
  }

  /** The outcomes (or reasons) table of a period as a CSV download. */
  static ResponseEntity<String> csvOf(MessageOutcomes outcomes, String from, String to, String table) {
    if (table != null && !table.equals("outcomes") && !table.equals("reasons")) {
      throw new BadField("table", "Expected 'table' to be outcomes or reasons");
    }
    MessageOutcomes.Report report = outcomes.report(outcomes.period(from, to));
    boolean reasons = "reasons".equals(table);
    String name = "message-%s-%s-%s.csv".formatted(reasons ? "reasons" : "outcomes", report.from(), report.to());
    return ResponseEntity.ok()
        .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
        .body(reasons ? report.reasonsCsv() : report.rowsCsv());
  }

  @ExceptionHandler(BadField.class)
  ResponseEntity<java.util.Map<String, Object>> badField(BadField e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(e.body());
  }
}
