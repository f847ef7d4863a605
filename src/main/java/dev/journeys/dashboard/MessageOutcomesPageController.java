package dev.journeys.dashboard;

import dev.journeys.notify.BadField;
import dev.journeys.notify.MessageOutcomes;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Message outcomes for marketers: per journey, template, channel and locale, what was sent, held,
 * skipped and why, delivered, bounced, unsubscribed, opened and clicked, over a period (the last 28
 * days by default). Each table downloads as CSV ({@code .csv}, {@code table=reasons} for the second).
 */
@Controller
class MessageOutcomesPageController {

  private final MessageOutcomes outcomes;

  MessageOutcomesPageController(MessageOutcomes outcomes) {
    this.outcomes = outcomes;
  }

  @GetMapping("/dashboard/results/messages")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
      HttpServletResponse response) {
    model.addAttribute("page", "results");
    model.addAttribute("outcomes", MessageOutcomes.OUTCOMES);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    try {
      MessageOutcomes.Report report = outcomes.report(outcomes.period(from, to));
      model.addAttribute("report", report);
      long most = report.reasons().stream().mapToLong(MessageOutcomes.Reason::messages).max().orElse(1);
      model.addAttribute("mostForOneReason", Math.max(most, 1));
    } catch (BadField bad) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      model.addAttribute("problem", bad.getMessage());
    }
    return "dashboard/results-messages";
  }

  @GetMapping("/dashboard/results/messages.csv")
  ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String table) {
    try {
      MessageOutcomes.Report report = outcomes.report(outcomes.period(from, to));
      boolean reasons = "reasons".equals(table);
      String name = "message-%s-%s-%s.csv".formatted(reasons ? "reasons" : "outcomes", report.from(), report.to());
      return ResponseEntity.ok()
          .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
          .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
          .body(reasons ? report.reasonsCsv() : report.rowsCsv());
    } catch (BadField bad) {
      return ResponseEntity.badRequest().contentType(MediaType.TEXT_PLAIN).body(bad.getMessage());
    }
  }
}
