package dev.journeys.dashboard;

import dev.journeys.feedback.Satisfaction;
import java.time.Clock;
import java.util.ArrayList;
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
 * Customer satisfaction (results page, issue 21): the page, its JSON at /api/results/csat and
 * each of its tables as CSV (the same URL with .csv or format=csv, and table=...).
 */
@Controller
class CsatPageController {

  /** Comments and low ratings listed on the page; the CSV holds up to {@link #CSV_LISTED}. */
  static final int PAGE_LISTED = 20;
  static final int CSV_LISTED = 10_000;

  private final Satisfaction satisfaction;
  private final Clock clock;

  CsatPageController(Satisfaction satisfaction, Clock clock) {
    this.satisfaction = satisfaction;
    this.clock = clock;
  }

  @GetMapping("/dashboard/results/csat")
  String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String journey, @RequestParam(defaultValue = "0") int listPage, Model model) {
    ResultsPeriod period = ResultsPeriod.of(from, to, clock);
    int shown = Math.max(0, Math.min(listPage, Satisfaction.MAX_PAGE));
    model.addAttribute("page", "results");
    model.addAttribute("period", period);
    model.addAttribute("journey", blankIsNull(journey));
    model.addAttribute("listPage", shown);
    model.addAttribute("pageListed", PAGE_LISTED);
    model.addAttribute("maxListPage", Satisfaction.MAX_PAGE);
    model.addAttribute("report", satisfaction.report(period.start(), period.end(), blankIsNull(journey), PAGE_LISTED,
        shown));
    return "dashboard/results-csat";
  }

  @GetMapping(value = {"/dashboard/results/csat", "/api/results/csat"}, params = "format=csv")
  ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String journey, @RequestParam(defaultValue = "ratings") String table) {
    ResultsPeriod period = ResultsPeriod.of(from, to, clock);
    return ResultsCsv.download("csat", table, tables(report(period, journey, CSV_LISTED)));
  }

  @GetMapping({"/dashboard/results/csat.csv", "/api/results/csat.csv"})
  ResponseEntity<String> csvFile(@RequestParam(required = false) String from,
      @RequestParam(required = false) String to, @RequestParam(required = false) String journey,
      @RequestParam(defaultValue = "ratings") String table) {
    return csv(from, to, journey, table);
  }

  @GetMapping(value = "/api/results/csat", params = "!format")
  @ResponseBody
  Satisfaction.Report api(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String journey, @RequestParam(defaultValue = "0") int listPage) {
    ResultsPeriod period = ResultsPeriod.of(from, to, clock);
    return satisfaction.report(period.start(), period.end(), blankIsNull(journey), PAGE_LISTED,
        Math.max(0, Math.min(listPage, Satisfaction.MAX_PAGE)));
  }

  private Satisfaction.Report report(ResultsPeriod period, String journey, int listed) {
    return satisfaction.report(period.start(), period.end(), blankIsNull(journey), listed);
  }

  /** Every table of the page, by the name its download link uses. */
  static Map<String, ResultsCsv> tables(Satisfaction.Report r) {
    Map<String, ResultsCsv> tables = new LinkedHashMap<>();
    tables.put("ratings", new ResultsCsv(List.of("rating", "count", "share"),
        List.of(1, 2, 3, 4, 5).stream().map(n -> List.<Object>of(n, r.ratings().of(n),
            share(r.ratings().of(n), r.ratings().total()))).toList()));
    tables.put("summary", new ResultsCsv(List.of("from", "to", "journey", "requests_sent", "ratings", "response_rate",
        "csat", "average", "low_ratings", "low_with_ticket"),
        List.of(row(r.from(), r.to(), r.journey(), r.requestsSent(), r.ratings().total(), round(r.responseRate()),
            round(r.ratings().csat()), round(r.ratings().average()), r.lowRatings(), r.lowWithTicket()))));
    tables.put("weeks", new ResultsCsv(counted("week_start"),
        r.weeks().stream().map(w -> counts(w.start().toString().substring(0, 10), w.counts())).toList()));
    tables.put("journeys", groups("journey", r.journeys()));
    tables.put("deliveries", groups("delivery", r.deliveries()));
    tables.put("carriers", groups("carrier", r.carriers()));
    tables.put("locales", groups("locale", r.locales()));
    tables.put("skus", groups("sku", r.skus()));
    tables.put("comments", rated(r.comments()));
    tables.put("low", rated(r.low()));
    return tables;
  }

  private static ResultsCsv groups(String name, List<Satisfaction.Group> groups) {
    return new ResultsCsv(counted(name), groups.stream().map(g -> counts(g.key(), g.counts())).toList());
  }

  private static List<String> counted(String first) {
    return List.of(first, "ratings", "r1", "r2", "r3", "r4", "r5", "csat", "average");
  }

  private static List<Object> counts(Object key, Satisfaction.Counts c) {
    return row(key, c.total(), c.one(), c.two(), c.three(), c.four(), c.five(), round(c.csat()), round(c.average()));
  }

  private static ResultsCsv rated(List<Satisfaction.Rated> rated) {
    return new ResultsCsv(List.of("order_id", "rating", "comment", "received_at", "changed_at", "carrier", "locale",
        "ticket_opened_at"),
        rated.stream().map(x -> row(x.orderId(), x.rating(), x.comment(), x.receivedAt(), x.changedAt(), x.carrier(),
            x.locale(), x.ticketOpenedAt())).toList());
  }

  private static List<Object> row(Object... values) {
    List<Object> row = new ArrayList<>(values.length);
    java.util.Collections.addAll(row, values);
    return row;
  }

  static double share(long part, long whole) {
    return whole == 0 ? 0 : round((double) part / whole);
  }

  static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  private static String blankIsNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
