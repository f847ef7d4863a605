package dev.journeys.feedback;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.journeys.notify.SentMessages;
import dev.journeys.storage.ClosedDays;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Customer satisfaction over a period, from the ratings first given in it (each order's rating as
 * it stands now: a changed rating counts once, with its latest value). Everything is read from the
 * feedback module's own tables, whose rows carry what each rating is about (see RatingContext);
 * ratings given before that was kept show as unknown ("") in the breakdowns. Feedback requests are
 * notify's count of sent feedback-request messages in the same period.
 *
 * <p>A rating belongs to the UTC day it was first given. Closed days are added up once into
 * csat_day, csat_sku_day and csat_request_day (SatisfactionRollup); a period that starts at midnight
 * reads those rows and counts only the rest live: today, and closed days whose ratings changed since
 * they were added up (a changed rating, a support ticket opened), which FeedbackStore marks stale.
 * What a period's rolled days add up to is kept in memory, keyed by the period's start, the journey,
 * the rolled and stale days and the roll-up's count of day writes, so reading the period again adds
 * up only the live part; any day written anew (in any app instance) changes the key.
 * Comments and low ratings are listed live, newest first, a page at a time, from indexes.
 */
@Service
public class Satisfaction {

  /** Ratings counted per value; CSAT is the share of 4 and 5. */
  public record Counts(long one, long two, long three, long four, long five) {

    public static final Counts NONE = new Counts(0, 0, 0, 0, 0);

    @JsonProperty
    public long total() {
      return one + two + three + four + five;
    }

    @JsonProperty
    public long satisfied() {
      return four + five;
    }

    /** Share of 4 and 5 among the ratings, 0 with none. */
    @JsonProperty
    public double csat() {
      return total() == 0 ? 0 : (double) satisfied() / total();
    }

    /** The mean rating; 0 with none. */
    @JsonProperty
    public double average() {
      return total() == 0 ? 0 : (one + 2 * two + 3 * three + 4 * four + 5 * five) / (double) total();
    }

    /** How many gave this rating (1 to 5). */
    public long of(int rating) {
      return switch (rating) {
        case 1 -> one;
        case 2 -> two;
        case 3 -> three;
        case 4 -> four;
        case 5 -> five;
        default -> throw new IllegalArgumentException("Expected a rating from 1 to 5, but got " + rating);
      };
    }

    Counts plus(int rating, long n) {
      return new Counts(one + (rating == 1 ? n : 0), two + (rating == 2 ? n : 0), three + (rating == 3 ? n : 0),
          four + (rating == 4 ? n : 0), five + (rating == 5 ? n : 0));
    }
  }

  /** The ratings of one journey, locale, carrier, SKU or delivery class; key "" when not known. */
  public record Group(String key, Counts counts) {}

  /** The ratings first given in the week starting then (weeks count from the period's start). */
  public record Week(Instant start, Counts counts) {}

  /** A rating with what the customer wrote, or a low one with its support follow-up. */
  public record Rated(String orderId, int rating, String comment, Instant receivedAt, Instant changedAt,
      String carrier, String locale, Instant ticketOpenedAt) {}

  /**
   * @param journey the journey filter; null for all
   * @param requestsSent feedback requests sent in the period (whichever journey sent them)
   * @param deliveries by delivery class in this order: ON_TIME, LATE_ALERTED, LATE_NOT_ALERTED,
   *     NOT_DELIVERED, then "" (unknown) when any
   * @param lowRatings ratings of 1 or 2, and how many of them have a support ticket
   */
  public record Report(Instant from, Instant to, String journey, long requestsSent, Counts ratings,
      List<Week> weeks, List<Group> journeys, List<Group> deliveries, List<Group> carriers, List<Group> locales,
      List<Group> skus, long lowRatings, long lowWithTicket, List<Rated> comments, List<Rated> low) {

    /** Ratings per request sent; 0 with no request. */
    @JsonProperty
    public double responseRate() {
      return requestsSent == 0 ? 0 : (double) ratings.total() / requestsSent;
    }
  }

  private static final Duration WEEK = Duration.ofDays(7);
  /** The most a list may be paged back (page size times this many ratings). */
  public static final int MAX_PAGE = 500;
  /** How many periods' rolled figures are kept (each a few hundred groups). */
  private static final int ROLLED_KEPT = 32;
  private static final String RATINGS = "SUM(CASE WHEN rating = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN rating = 2 THEN 1 ELSE 0 END),"
      + " SUM(CASE WHEN rating = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN rating = 4 THEN 1 ELSE 0 END),"
      + " SUM(CASE WHEN rating = 5 THEN 1 ELSE 0 END)";

  private final JdbcClient jdbc;
  private final SentMessages sent;
  private final ClosedDays closed;
  /** False: every figure counted live from the ratings, the roll-up not read (tests, benchmarks). */
  private final boolean readRollup;
  /** The rolled part of the periods read last (a few, least recently read dropped first); never changed once in. */
  private final Map<RolledKey, Tally> rolledCache = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<RolledKey, Tally> eldest) {
      return size() > ROLLED_KEPT;
    }
  });

  /** Public for the tests and benchmarks that build it outside a Spring context: everything counted live. */
  public Satisfaction(JdbcClient jdbc, SentMessages sent) {
    this(jdbc, sent, null);
  }

  /** Public for the tests and benchmarks that build it outside a Spring context. */
  @Autowired
  public Satisfaction(JdbcClient jdbc, SentMessages sent, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.sent = sent;
    this.closed = closedDays(jdbc, transactions);
    this.readRollup = transactions != null;
  }

  static ClosedDays closedDays(JdbcClient jdbc, TransactionTemplate transactions) {
    return new ClosedDays(jdbc, transactions, "csat_rollup", "csat_stale_day");
  }

  /**
   * The ratings first given from {@code from} (inclusive) until {@code to} (exclusive).
   *
   * @param journey a journey's process id, or null for all
   * @param listed at most this many comments and low ratings (newest first)
   */
  public Report report(Instant from, Instant to, String journey, int listed) {
    return report(from, to, journey, listed, 0);
  }

  /**
   * The same, with the lists' page {@code page} (0 the newest, at most {@link #MAX_PAGE}).
   */
  public Report report(Instant from, Instant to, String journey, int listed, int page) {
    Tally tally = new Tally(from, to);
    // Whole days from a period starting at midnight fall into whole weeks: those read the roll-up.
    ClosedDays.Plan plan =
        readRollup && from.equals(ClosedDays.start(ClosedDays.day(from))) ? closed.plan(from, to) : null;
    List<Instant[]> live = plan != null ? plan.live()
        : from.isBefore(to) ? List.<Instant[]>of(new Instant[] {from, to}) : List.of();
    if (plan != null && plan.anyRolled()) {
      tally.addAll(rolled(plan, from, journey));
    }
    for (Instant[] range : live) {
      countLive(range[0], range[1], journey, tally);
    }
    int offset = Math.max(0, Math.min(page, MAX_PAGE)) * Math.max(listed, 0);
    Filter where = new Filter(from, to, journey);
    List<Week> weeks = new ArrayList<>();
    tally.byWeek.forEach((w, counts) -> weeks.add(new Week(from.plus(WEEK.multipliedBy(w)), counts)));
    return new Report(from, to, journey, tally.requests, tally.all, weeks, byCount(tally.journeys),
        byClass(tally.deliveries), byCount(tally.carriers), byCount(tally.locales), byCount(tally.skus),
        tally.low, tally.lowWithTicket,
        // "commented DESC" orders nothing more (all are TRUE) but lets H2 read feedback_commented
        // backwards and stop after the page, as PostgreSQL does; without it H2 sorted every comment.
        rated(where, " AND f.commented = TRUE", "commented DESC, ", listed, offset),
        // feedback_received gives received_at's order; both databases sort only equal instants by order.
        rated(where, " AND f.rating <= 2", "", listed, offset));
  }

  /** The period's figures, added up from rolled-up days and live counts alike. */
  private static final class Tally {
    final Instant from;
    final Map<String, Counts> journeys = new TreeMap<>();
    final Map<String, Counts> deliveries = new TreeMap<>();
    final Map<String, Counts> carriers = new TreeMap<>();
    final Map<String, Counts> locales = new TreeMap<>();
    final Map<String, Counts> skus = new TreeMap<>();
    final Map<Long, Counts> byWeek = new TreeMap<>();
    Counts all = Counts.NONE;
    long low;
    long lowWithTicket;
    long requests;

    Tally(Instant from, Instant to) {
      this.from = from;
      for (long w = 0; from.plus(WEEK.multipliedBy(w)).isBefore(to); w++) {
        byWeek.put(w, Counts.NONE);
      }
    }

    void add(String journey, String delivery, String carrier, String locale, Counts counts, long tickets) {
      all = sum(all, counts);
      journeys.merge(journey, counts, Satisfaction::sum);
      deliveries.merge(delivery, counts, Satisfaction::sum);
      carriers.merge(carrier, counts, Satisfaction::sum);
      locales.merge(locale, counts, Satisfaction::sum);
      low += counts.one() + counts.two();
      lowWithTicket += tickets;
    }

    /** Adds another tally of the same period (its weeks counted from the same start). */
    void addAll(Tally other) {
      all = sum(all, other.all);
      other.journeys.forEach((k, v) -> journeys.merge(k, v, Satisfaction::sum));
      other.deliveries.forEach((k, v) -> deliveries.merge(k, v, Satisfaction::sum));
      other.carriers.forEach((k, v) -> carriers.merge(k, v, Satisfaction::sum));
      other.locales.forEach((k, v) -> locales.merge(k, v, Satisfaction::sum));
      other.skus.forEach((k, v) -> skus.merge(k, v, Satisfaction::sum));
      other.byWeek.forEach((k, v) -> byWeek.merge(k, v, Satisfaction::sum));
      low += other.low;
      lowWithTicket += other.lowWithTicket;
      requests += other.requests;
    }
  }

  /** What the rolled part of a report depends on. */
  private record RolledKey(Instant from, String journey, LocalDate rolledFrom, LocalDate rolledTo,
      List<LocalDate> stale, long written) {}

  /**
   * The rolled days' figures of a period: added up from the roll-up, or kept from the last time the
   * same period read the same rows (same days, same stale days, no day written since).
   */
  private Tally rolled(ClosedDays.Plan plan, Instant from, String journey) {
    // The rolled days decide it, whatever the period's end (today's part is live): the page and the
    // gauges (which end now) share it. Weeks count from the period's start; none pre-filled here.
    RolledKey key = new RolledKey(from, journey, plan.rolledFrom(), plan.rolledTo(), List.copyOf(plan.stale()),
        plan.written());
    Tally rolled = rolledCache.get(key);
    if (rolled == null) {
      rolled = new Tally(from, from);
      addRolled(plan, journey, rolled);
      rolledCache.put(key, rolled);
    }
    return rolled;
  }

  private void addRolled(ClosedDays.Plan plan, String journey, Tally tally) {
    String where = " WHERE on_day >= ? AND on_day <= ?" + plan.notStale("on_day") + (journey == null ? "" : " AND journey = ?");
    List<Object> params = plan.rolledParams();
    if (journey != null) {
      params.add(journey);
    }
    jdbc.sql("SELECT journey, delivery_class, carrier, locale, SUM(r1), SUM(r2), SUM(r3), SUM(r4), SUM(r5),"
            + " SUM(low_with_ticket) FROM csat_day" + where + " GROUP BY journey, delivery_class, carrier, locale")
        .params(params)
        .query(rs -> {
          tally.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), counts(rs, 5), rs.getLong(10));
        });
    LocalDate firstDay = ClosedDays.day(tally.from);
    jdbc.sql("SELECT on_day, SUM(r1), SUM(r2), SUM(r3), SUM(r4), SUM(r5) FROM csat_day" + where + " GROUP BY on_day")
        .params(params)
        .query(rs -> {
          long week = ChronoUnit.DAYS.between(firstDay, rs.getDate(1).toLocalDate()) / 7;
          tally.byWeek.merge(week, counts(rs, 2), Satisfaction::sum);
        });
    jdbc.sql("SELECT sku, SUM(r1), SUM(r2), SUM(r3), SUM(r4), SUM(r5) FROM csat_sku_day" + where + " GROUP BY sku")
        .params(params)
        .query(rs -> {
          tally.skus.merge(rs.getString(1), counts(rs, 2), Satisfaction::sum);
        });
    tally.requests += jdbc.sql("SELECT COALESCE(SUM(requests), 0) FROM csat_request_day WHERE on_day >= ? AND on_day <= ?"
            + plan.notStale("on_day"))
        .params(plan.rolledParams())
        .query(Long.class)
        .single();
  }

  /** Counts the ratings first given from {@code from} until {@code to} from the feedback rows. */
  private void countLive(Instant from, Instant to, String journey, Tally tally) {
    Filter where = new Filter(from, to, journey);
    // One scan of the range's ratings (index on received_at) gives every breakdown but products.
    String week = "FLOOR((EXTRACT(EPOCH FROM f.received_at) - " + tally.from.getEpochSecond() + ") / " + WEEK.toSeconds() + ")";
    jdbc.sql("SELECT " + week + " AS w, COALESCE(journey, '') AS j, COALESCE(delivery_class, '') AS d,"
            + " COALESCE(carrier, '') AS c, COALESCE(locale, '') AS l, rating, COUNT(*) AS n,"
            + " SUM(CASE WHEN ticket_opened_at IS NULL THEN 0 ELSE 1 END) AS tickets"
            + " FROM feedback f" + where.sql + " GROUP BY " + week + ", COALESCE(journey, ''),"
            + " COALESCE(delivery_class, ''), COALESCE(carrier, ''), COALESCE(locale, ''), rating")
        .params(where.params)
        .query(rs -> {
          int rating = rs.getInt("rating");
          Counts counts = Counts.NONE.plus(rating, rs.getLong("n"));
          tally.byWeek.merge(rs.getLong("w"), counts, Satisfaction::sum);
          tally.add(rs.getString("j"), rs.getString("d"), rs.getString("c"), rs.getString("l"), counts,
              rating <= 2 ? rs.getLong("tickets") : 0);
        });
    jdbc.sql("SELECT s.sku, f.rating, COUNT(*) AS n FROM feedback f JOIN feedback_sku s ON s.order_id = f.order_id"
            + where.sql + " GROUP BY s.sku, f.rating")
        .params(where.params)
        .query(rs -> {
          tally.skus.merge(rs.getString("sku"), Counts.NONE.plus(rs.getInt("rating"), rs.getLong("n")), Satisfaction::sum);
        });
    tally.requests += sent.count(SentMessages.FEEDBACK_REQUEST, from, to);
  }

  /** Replaces one closed day's rows with its ratings and feedback requests now (in the roll-up's transaction). */
  void writeDay(LocalDate day) {
    Date on = Date.valueOf(day);
    for (String table : List.of("csat_day", "csat_sku_day", "csat_request_day")) {
      jdbc.sql("DELETE FROM " + table + " WHERE on_day = ?").param(on).update();
    }
    OffsetDateTime start = OffsetDateTime.ofInstant(ClosedDays.start(day), ZoneOffset.UTC);
    OffsetDateTime end = OffsetDateTime.ofInstant(ClosedDays.start(day.plusDays(1)), ZoneOffset.UTC);
    jdbc.sql("INSERT INTO csat_day (on_day, journey, delivery_class, carrier, locale, r1, r2, r3, r4, r5, low_with_ticket)"
            + " SELECT CAST(? AS DATE), COALESCE(journey, ''), COALESCE(delivery_class, ''), COALESCE(carrier, ''),"
            + " COALESCE(locale, ''), " + RATINGS + ","
            + " SUM(CASE WHEN rating <= 2 AND ticket_opened_at IS NOT NULL THEN 1 ELSE 0 END)"
            + " FROM feedback WHERE received_at >= ? AND received_at < ?"
            + " GROUP BY COALESCE(journey, ''), COALESCE(delivery_class, ''), COALESCE(carrier, ''), COALESCE(locale, '')")
        .params(on, start, end)
        .update();
    jdbc.sql("INSERT INTO csat_sku_day (on_day, journey, sku, r1, r2, r3, r4, r5)"
            + " SELECT CAST(? AS DATE), COALESCE(f.journey, ''), s.sku, " + RATINGS.replace("rating", "f.rating")
            + " FROM feedback f JOIN feedback_sku s ON s.order_id = f.order_id"
            + " WHERE f.received_at >= ? AND f.received_at < ? GROUP BY COALESCE(f.journey, ''), s.sku")
        .params(on, start, end)
        .update();
    jdbc.sql("INSERT INTO csat_request_day (on_day, requests) VALUES (?, ?)")
        .params(on, sent.count(SentMessages.FEEDBACK_REQUEST, start.toInstant(), end.toInstant()))
        .update();
  }

  /** The first day anything was rated or a feedback request sent; null with none. */
  LocalDate firstDay() {
    OffsetDateTime rated = jdbc.sql("SELECT MIN(received_at) AS first_rated FROM feedback")
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).optional().orElse(null);
    Instant asked = sent.firstSent(SentMessages.FEEDBACK_REQUEST).orElse(null);
    Instant first = rated == null ? asked
        : asked == null || rated.toInstant().isBefore(asked) ? rated.toInstant() : asked;
    return first == null ? null : ClosedDays.day(first);
  }

  ClosedDays closedDays() {
    return closed;
  }

  private static Counts counts(ResultSet rs, int first) throws SQLException {
    return new Counts(rs.getLong(first), rs.getLong(first + 1), rs.getLong(first + 2), rs.getLong(first + 3),
        rs.getLong(first + 4));
  }

  private List<Rated> rated(Filter where, String condition, String orderFirst, int limit, int offset) {
    if (limit <= 0) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(where.params);
    params.add(offset);
    params.add(limit);
    return jdbc.sql("SELECT order_id, rating, comment, received_at, changed_at, carrier, locale, ticket_opened_at"
            + " FROM feedback f" + where.sql + condition
            + " ORDER BY " + orderFirst + "received_at DESC, order_id DESC OFFSET ? ROWS FETCH FIRST ? ROWS ONLY")
        .params(params)
        .query((rs, n) -> new Rated(rs.getString("order_id"), rs.getInt("rating"), rs.getString("comment"),
            instant(rs.getObject("received_at", OffsetDateTime.class)),
            instant(rs.getObject("changed_at", OffsetDateTime.class)), rs.getString("carrier"), rs.getString("locale"),
            instant(rs.getObject("ticket_opened_at", OffsetDateTime.class))))
        .list();
  }

  /** Most rated first, then by key. */
  private static List<Group> byCount(Map<String, Counts> groups) {
    return groups.entrySet().stream()
        .map(e -> new Group(e.getKey(), e.getValue()))
        .sorted(Comparator.comparingLong((Group g) -> g.counts().total()).reversed().thenComparing(Group::key))
        .toList();
  }

  /** The delivery classes in a fixed order, so on-time, alerted and not alerted read side by side. */
  private static List<Group> byClass(Map<String, Counts> groups) {
    Map<String, Counts> ordered = new LinkedHashMap<>();
    for (DeliveryClass c : DeliveryClass.values()) {
      ordered.put(c.name(), groups.getOrDefault(c.name(), Counts.NONE));
    }
    if (groups.containsKey("")) {
      ordered.put("", groups.get(""));
    }
    return ordered.entrySet().stream().map(e -> new Group(e.getKey(), e.getValue())).toList();
  }

  private static Counts sum(Counts a, Counts b) {
    return new Counts(a.one() + b.one(), a.two() + b.two(), a.three() + b.three(), a.four() + b.four(),
        a.five() + b.five());
  }

  private static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  /** The period (by when the first rating was given) and the journey, as SQL and its parameters. */
  private static final class Filter {
    final Instant from;
    final Instant to;
    final String sql;
    final List<Object> params = new ArrayList<>();

    Filter(Instant from, Instant to, String journey) {
      this.from = from;
      this.to = to;
      params.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
      params.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
      if (journey == null) {
        sql = " WHERE f.received_at >= ? AND f.received_at < ?";
      } else {
        sql = " WHERE f.received_at >= ? AND f.received_at < ? AND f.journey = ?";
        params.add(journey);
      }
    }
  }
}
