package dev.journeys.dashboard;

import dev.journeys.orders.DeliveryHonesty;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Delivery honesty (results page, issue 21): the orders due in the period, late to ship and to
 * deliver, the delay alerts and the carriers; JSON at /api/results/delivery, tables as CSV.
 */
@Controller
class DeliveryPageController {

  private final DeliveryReport reports;
  private final Clock clock;

  DeliveryPageController(DeliveryReport reports, Clock clock) {
    this.reports = reports;
    this.clock = clock;
  }

  @GetMapping("/dashboard/results/delivery")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model) {
    ResultsPeriod period = ResultsPeriod.of(from, to, clock);
    model.addAttribute("page", "results");
    model.addAttribute("period", period);
    model.addAttribute("report", report(period));
    return "dashboard/results-delivery";
  }

  @GetMapping(value = "/api/results/delivery", params = "!format")
  @ResponseBody
  DeliveryReport.Report api(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
    return report(ResultsPeriod.of(from, to, clock));
  }

  @GetMapping(value = {"/dashboard/results/delivery", "/api/results/delivery"}, params = "format=csv")
  ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "summary") String table) {
    return ResultsCsv.download("delivery", table, tables(report(ResultsPeriod.of(from, to, clock))));
  }

  @GetMapping({"/dashboard/results/delivery.csv", "/api/results/delivery.csv"})
  ResponseEntity<String> csvFile(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(defaultValue = "summary") String table) {
    return csv(from, to, table);
  }

  private DeliveryReport.Report report(ResultsPeriod period) {
    return reports.report(period.start(), period.end(), clock.instant());
  }

  static Map<String, ResultsCsv> tables(DeliveryReport.Report r) {
    DeliveryHonesty.Totals t = r.totals();
    DeliveryHonesty.Alerts a = r.alerts();
    Map<String, ResultsCsv> tables = new LinkedHashMap<>();
    tables.put("summary", new ResultsCsv(
        List.of("from", "to", "orders_due", "ship_by_promised", "late_to_ship", "late_to_ship_share",
            "late_to_deliver", "late_to_deliver_share", "not_delivered", "alerted", "alerted_share",
            "alerted_before_promise", "median_lead_hours"),
        List.of(List.of(r.from(), r.to(), t.due(), t.shipByPromised(), t.lateToShip(),
            CsatPageController.round(t.lateToShipShare()), t.lateToDeliver(),
            CsatPageController.round(t.lateToDeliverShare()), t.notDelivered(), a.alerted(), a.alertedShare(),
            a.alertedBeforePromise(), a.medianLeadHours() == null ? "" : a.medianLeadHours()))));
    tables.put("carriers", new ResultsCsv(
        List.of("carrier", "orders_due", "late_to_deliver", "late_share", "orders_failed", "failed_share",
            "delays_reported", "failed_attempts", "exceptions"),
        r.carriers().stream().map(c -> List.<Object>of(c.carrier().isEmpty() ? "unknown" : c.carrier(), c.due(),
            c.lateToDeliver(), CsatPageController.round(c.lateShare()), c.failedOrders(),
            CsatPageController.round(c.failedShare()), c.delaysReported(), c.failedAttempts(), c.exceptions())).toList()));
    return tables;
  }
}
