package dev.journeys.notify;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

/**
 * What became of the messages of a period, per journey, template, channel and locale: decided,
 * sent, held, skipped, failed, delivered, bounced, unsubscribed, opened, clicked; and why messages
 * were held, skipped, failed or bounced. Counted exactly from the recorded facts (see
 * {@link OutcomeCounts}): closed days from their daily roll-up, the rest from the facts.
 */
@Service
public class MessageOutcomes {

  /** The default period: the last 28 days, today included. */
  public static final int DEFAULT_DAYS = 28;
  /** The longest period one request may ask for. */
  public static final int MAX_DAYS = 731;

  /** Every outcome, in the order the page and the CSV show them. */
  public static final List<String> OUTCOMES = List.of(CountedAs.DECIDED, CountedAs.SENT, CountedAs.HELD,
      CountedAs.SKIPPED, CountedAs.FAILED, CountedAs.DELIVERED, CountedAs.BOUNCED, CountedAs.UNSUBSCRIBED,
      CountedAs.OPENED, CountedAs.CLICKED);

  /** The outcomes that have reasons worth listing. */
  private static final List<String> WITH_REASONS =
      List.of(CountedAs.HELD, CountedAs.SKIPPED, CountedAs.FAILED, CountedAs.BOUNCED);

  private final OutcomeCounts counts;
  private final TrackingProperties tracking;
  private final Clock clock;

  MessageOutcomes(OutcomeCounts counts, TrackingProperties tracking, Clock clock) {
    this.counts = counts;
    this.tracking = tracking;
    this.clock = clock;
  }

  /** A period of UTC days, both ends included. */
  public record Period(LocalDate from, LocalDate to) {}

  /**
   * The period a request asks for: ISO dates (2026-03-01), both optional (the last 28 days).
   *
   * @throws BadField naming the field that is wrong
   */
  public Period period(String from, String to) {
    LocalDate end = date("to", to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1L));
    if (start.isAfter(end)) {
      throw new BadField("from", "Expected 'from' to be on or before 'to', but " + start + " is after " + end);
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw new BadField("from", "Expected 'from' to be at most " + MAX_DAYS + " days before 'to'");
    }
    return new Period(start, end);
  }

  private static LocalDate date(String field, String value, LocalDate otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new BadField(field, "Expected '" + field + "' to be a date such as 2026-03-01, but was '"
          + value + "'");
    }
  }

  /** The outcomes of the period. */
  public Report report(Period period) {
    List<OutcomeCounts.Count> all = new ArrayList<>();
    LocalDate rolled = counts.rolledThrough();
    LocalDate liveFrom = period.from();
    if (rolled != null && !rolled.isBefore(period.from())) {
      LocalDate rolledTo = rolled.isBefore(period.to()) ? rolled : period.to();
      all.addAll(counts.rolledUp(period.from(), rolledTo));
      liveFrom = rolledTo.plusDays(1);
    }
    if (!liveFrom.isAfter(period.to())) {
      all.addAll(counts.live(liveFrom, period.to()));
    }
    return summarise(period, all);
  }

  /** Writes a store's facts, e.g. the results benchmark's seeding. */
  @FunctionalInterface
  public interface FactWriter {
    void write() throws Exception;
  }

  /**
   * Fills a store with message facts older than today and rolls their days up, without the app's
   * periodic roll-up getting in the way while the facts are written (the results benchmark seeds
   * with the app running): the closed days are marked rolled up first, so the periodic roll-up
   * leaves them alone, then the facts are written, then each closed day is added up.
   *
   * @return how many days were rolled up
   */
  public static int seedClosedDays(javax.sql.DataSource dataSource, java.time.Instant now, FactWriter facts)
      throws Exception {
    OutcomeCounts counts = new OutcomeCounts(org.springframework.jdbc.core.simple.JdbcClient.create(dataSource),
        new org.springframework.transaction.support.TransactionTemplate(
            new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource)));
    LocalDate lastClosed = now.minus(OutcomeRollup.DEFAULT_GRACE).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
    LocalDate before = counts.rolledThrough();
    if (before == null || before.isBefore(lastClosed)) {
      counts.markRolledThrough(lastClosed);
    }
    facts.write();
    LocalDate first = counts.firstFactDay();
    int days = 0;
    for (LocalDate day = first; day != null && !day.isAfter(lastClosed); day = day.plusDays(1)) {
      counts.replaceDay(day, counts.live(day, day));
      days++;
    }
    return days;
  }

  /** Totals of the last 28 days per outcome, for the metrics. */
  Map<String, Long> totals() {
    Report report = report(period(null, null));
    return report.total().counts();
  }

  private Report summarise(Period period, List<OutcomeCounts.Count> all) {
    Map<List<String>, Map<String, Long>> rows = new TreeMap<>(Comparator.comparing((List<String> k) -> String.join("\u0000", k)));
    Map<List<String>, Long> reasons = new TreeMap<>(Comparator.comparing((List<String> k) -> String.join("\u0000", k)));
    Map<String, Long> total = new HashMap<>();
    for (OutcomeCounts.Count c : all) {
      rows.computeIfAbsent(List.of(c.journey(), c.template(), c.channel(), c.locale()), k -> new HashMap<>())
          .merge(c.outcome(), c.messages(), Long::sum);
      total.merge(c.outcome(), c.messages(), Long::sum);
      if (WITH_REASONS.contains(c.outcome())) {
        reasons.merge(List.of(c.outcome(), c.reason(), c.template(), c.channel()), c.messages(), Long::sum);
      }
    }
    List<Row> rowList = rows.entrySet().stream()
        .map(e -> new Row(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getKey().get(3), counts(e.getValue())))
        .toList();
    List<Reason> reasonList = reasons.entrySet().stream()
        .map(e -> new Reason(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getKey().get(3), e.getValue()))
        .toList();
    return new Report(period.from(), period.to(), rowList, new Row("", "", "", "", counts(total)), reasonList,
        tracking.opens(), tracking.clicks());
  }

  private static Map<String, Long> counts(Map<String, Long> found) {
    Map<String, Long> ordered = new java.util.LinkedHashMap<>();
    for (String outcome : OUTCOMES) {
      ordered.put(outcome, found.getOrDefault(outcome, 0L));
    }
    return ordered;
  }

  /**
   * @param rows one per journey, template, channel and locale that had any outcome in the period
   * @param total every row added up
   * @param reasons why messages were held, skipped, failed or bounced, per template and channel
   * @param opensTracked whether emails carry the open pixel now (journeys.notify.tracking.opens)
   * @param clicksTracked whether emails' links are tracked now (journeys.notify.tracking.clicks)
   */
  public record Report(LocalDate from, LocalDate to, List<Row> rows, Row total, List<Reason> reasons,
      boolean opensTracked, boolean clicksTracked) {

    /** The outcomes table as CSV (RFC 4180): a header row, then one row per group. */
    public String rowsCsv() {
      StringBuilder csv = new StringBuilder();
      List<String> header = new ArrayList<>(List.of("from", "to", "journey", "template", "channel", "locale"));
      header.addAll(OUTCOMES);
      Csv.line(csv, header);
      for (Row row : rows) {
        List<String> cells = new ArrayList<>(List.of(from.toString(), to.toString(), row.journey(), row.template(),
            row.channel(), row.locale()));
        OUTCOMES.forEach(o -> cells.add(Long.toString(row.counts().get(o))));
        Csv.line(csv, cells);
      }
      return csv.toString();
    }

    /** The reasons table as CSV. */
    public String reasonsCsv() {
      StringBuilder csv = new StringBuilder();
      Csv.line(csv, List.of("from", "to", "outcome", "reason", "template", "channel", "messages"));
      for (Reason r : reasons) {
        Csv.line(csv, List.of(from.toString(), to.toString(), r.outcome(), r.reason(), r.template(), r.channel(),
            Long.toString(r.messages())));
      }
      return csv.toString();
    }
  }

  /**
   * One group's outcomes. Blank journey or locale: not recorded (messages from before they were).
   *
   * @param counts every outcome, in {@link #OUTCOMES} order, zero when none
   */
  public record Row(String journey, String template, String channel, String locale, Map<String, Long> counts) {

    public long count(String outcome) {
      return counts.getOrDefault(outcome, 0L);
    }

    /** sent / decided as a whole percentage, at most 100 (a message decided before the period may be sent in it). */
    public long sentOfDecidedPercent() {
      long decided = count(CountedAs.DECIDED);
      return decided == 0 ? 0 : Math.min(100, count(CountedAs.SENT) * 100 / decided);
    }

    /** outcome / sent as a percentage with one decimal, or null when nothing was sent. */
    public Double percentOfSent(String outcome) {
      long sent = count(CountedAs.SENT);
      return sent == 0 ? null : Math.round(count(outcome) * 1000.0 / sent) / 10.0;
    }
  }

  /** How many messages were held, skipped, failed or bounced for one reason, per template and channel. */
  public record Reason(String outcome, String reason, String template, String channel, long messages) {}

  /** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; lines end with CRLF. */
  static final class Csv {

    private Csv() {}

    static void line(StringBuilder out, List<String> cells) {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        String cell = cells.get(i) == null ? "" : cells.get(i);
        if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
          out.append('"').append(cell.replace("\"", "\"\"")).append('"');
        } else {
          out.append(cell);
        }
      }
      out.append("\r\n");
    }
  }
}
