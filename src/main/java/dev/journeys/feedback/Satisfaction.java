package dev.journeys.feedback;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.journeys.notify.SentMessages;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Customer satisfaction over a period, from the ratings first given in it (each order's rating as
 * it stands now: a changed rating counts once, with its latest value). Everything is read from the
 * feedback module's own tables, whose rows carry what each rating is about (see RatingContext);
 * ratings given before that was kept show as unknown ("") in the breakdowns. Feedback requests are
 * notify's count of sent feedback-request messages in the same period.
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

  private final JdbcClient jdbc;
  private final SentMessages sent;

  /** Public for the tests and benchmarks that build it outside a Spring context. */
  public Satisfaction(JdbcClient jdbc, SentMessages sent) {
    this.jdbc = jdbc;
    this.sent = sent;
  }

  /**
   * The ratings first given from {@code from} (inclusive) until {@code to} (exclusive).
   *
   * @param journey a journey's process id, or null for all
   * @param listed at most this many comments and low ratings (newest first)
   */
  public Report report(Instant from, Instant to, String journey, int listed) {
    Filter where = new Filter(from, to, journey);
    Map<String, Counts> journeys = new TreeMap<>();
    Map<String, Counts> deliveries = new TreeMap<>();
    Map<String, Counts> carriers = new TreeMap<>();
    Map<String, Counts> locales = new TreeMap<>();
    long[] low = new long[2];
    Counts[] all = {Counts.NONE};
    Map<Long, Counts> byWeek = new TreeMap<>();
    for (long w = 0; from.plus(WEEK.multipliedBy(w)).isBefore(to); w++) {
      byWeek.put(w, Counts.NONE);
    }
    // One scan of the period's ratings (index on received_at) gives every breakdown but products.
    String week = "FLOOR((EXTRACT(EPOCH FROM f.received_at) - " + from.getEpochSecond() + ") / " + WEEK.toSeconds() + ")";
    jdbc.sql("SELECT " + week + " AS w, COALESCE(journey, '') AS j, COALESCE(delivery_class, '') AS d,"
            + " COALESCE(carrier, '') AS c, COALESCE(locale, '') AS l, rating, COUNT(*) AS n,"
            + " SUM(CASE WHEN ticket_opened_at IS NULL THEN 0 ELSE 1 END) AS tickets"
            + " FROM feedback f" + where.sql + " GROUP BY " + week + ", COALESCE(journey, ''),"
            + " COALESCE(delivery_class, ''), COALESCE(carrier, ''), COALESCE(locale, ''), rating")
        .params(where.params)
        .query(rs -> {
          int rating = rs.getInt("rating");
          Counts counts = Counts.NONE.plus(rating, rs.getLong("n"));
          all[0] = sum(all[0], counts);
          byWeek.merge(rs.getLong("w"), counts, Satisfaction::sum);
          journeys.merge(rs.getString("j"), counts, Satisfaction::sum);
          deliveries.merge(rs.getString("d"), counts, Satisfaction::sum);
          carriers.merge(rs.getString("c"), counts, Satisfaction::sum);
          locales.merge(rs.getString("l"), counts, Satisfaction::sum);
          if (rating <= 2) {
            low[0] += counts.total();
            low[1] += rs.getLong("tickets");
          }
        });
    List<Week> weeks = new ArrayList<>();
    byWeek.forEach((w, counts) -> weeks.add(new Week(from.plus(WEEK.multipliedBy(w)), counts)));
    return new Report(from, to, journey, sent.count(SentMessages.FEEDBACK_REQUEST, from, to), all[0],
        weeks, byCount(journeys), byClass(deliveries), byCount(carriers), byCount(locales), skus(where),
        low[0], low[1], rated(where, " AND f.comment IS NOT NULL", listed),
        rated(where, " AND f.rating <= 2", listed));
  }

  private List<Group> skus(Filter where) {
    Map<String, Counts> skus = new TreeMap<>();
    jdbc.sql("SELECT s.sku, f.rating, COUNT(*) AS n FROM feedback f JOIN feedback_sku s ON s.order_id = f.order_id"
            + where.sql + " GROUP BY s.sku, f.rating")
        .params(where.params)
        .query(rs -> {
          skus.merge(rs.getString("sku"), Counts.NONE.plus(rs.getInt("rating"), rs.getLong("n")), Satisfaction::sum);
        });
    return byCount(skus);
  }

  private List<Rated> rated(Filter where, String condition, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    List<Object> params = new ArrayList<>(where.params);
    params.add(limit);
    return jdbc.sql("SELECT order_id, rating, comment, received_at, changed_at, carrier, locale, ticket_opened_at"
            + " FROM feedback f" + where.sql + condition + " ORDER BY received_at DESC, order_id FETCH FIRST ? ROWS ONLY")
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
