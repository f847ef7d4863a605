package dev.journeys.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.journeys.storage.ClosedDays;
import java.sql.Date;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivery honesty: of the orders due in a period (by the date promised for delivery, up to now),
 * how many shipped late and arrived late, how many of the late ones were told of the delay by a
 * delay alert first and how long before the promised date, and each carrier's record. Cancelled
 * orders are left out. Everything is read from the order's own columns: when it shipped and arrived,
 * how many problems its carrier reported, and when notify first sent it a delay alert.
 *
 * <p>Closed UTC days (by due date) are added up once into delivery_day and delivery_lead_day
 * (DeliveryRollup); a period reads those rows and counts only the rest live from the orders: today,
 * partial days at its edges, and closed days whose orders changed since they were added up.
 */
@Service
public class DeliveryHonesty {

  /**
   * @param due orders whose promised delivery date fell in the period (and has passed)
   * @param shipByPromised of those, the ones with a ship-by date
   * @param lateToShip shipped after the ship-by date, or not shipped and the date has passed (by the
   *     end of the day the order was due)
   * @param lateToDeliver delivered after the promised date, or not delivered yet
   * @param notDelivered of the late, those the carrier has not reported delivered yet
   */
  public record Totals(long due, long shipByPromised, long lateToShip, long lateToDeliver, long notDelivered) {

    @JsonProperty
    public double lateToShipShare() {
      return share(lateToShip, shipByPromised);
    }

    @JsonProperty
    public double lateToDeliverShare() {
      return share(lateToDeliver, due);
    }
  }

  /**
   * One carrier's record over the due orders it carried ("" for orders no carrier took yet).
   *
   * @param failedOrders orders with at least one failed delivery attempt or exception
   * @param delaysReported distinct delays the carrier reported
   */
  public record Carrier(String carrier, long due, long lateToDeliver, long failedOrders, long delaysReported,
      long failedAttempts, long exceptions) {

    @JsonProperty
    public double lateShare() {
      return share(lateToDeliver, due);
    }

    @JsonProperty
    public double failedShare() {
      return share(failedOrders, due);
    }
  }

  /**
   * The delay alerts of the late orders.
   *
   * @param lateOrders orders that arrived after the promised date or not yet
   * @param alerted of those, the ones told of the delay by a delay alert before the parcel arrived
   * @param alertedBeforePromise of the alerted, told before the promised date passed
   * @param medianLeadHours the median of promised date minus first alert, in hours, each warning
   *     counted to the nearest whole hour (so within half an hour of the exact median); null when none
   */
  public record Alerts(long lateOrders, long alerted, long alertedBeforePromise, Double medianLeadHours) {

    @JsonProperty
    public double alertedShare() {
      return Math.round(share(alerted, lateOrders) * 10_000) / 10_000.0;
    }
  }

  /** The period's figures; carriers worst first (late share, then failures, then name). */
  public record Report(Totals totals, List<Carrier> carriers, Alerts alerts) {}

  /** The precision of the median warning time, as the page says it. */
  public static final String MEDIAN_PRECISION = "each warning counted to the nearest hour";

  private static final String COLUMNS = "carrier, promised_ship_by, shipped_at, promised_deliver_by, delivered_at,"
      + " first_delay_alert_at, delays_reported, failed_attempts, exceptions";
  private static final String DUE =
      " FROM orders WHERE promised_deliver_by >= ? AND promised_deliver_by < ? AND cancelled_at IS NULL";
  private static final String SUMS = "SUM(due), SUM(ship_by_promised), SUM(late_to_ship), SUM(late_to_deliver),"
      + " SUM(not_delivered), SUM(failed_orders), SUM(delays_reported), SUM(failed_attempts), SUM(exceptions),"
      + " SUM(alerted), SUM(alerted_before_promise)";
  private static final int FIGURES = 11;
  private static final int DUE_ = 0;
  private static final int SHIP_BY = 1;
  private static final int LATE_SHIP = 2;
  private static final int LATE_DELIVER = 3;
  private static final int NOT_DELIVERED = 4;
  private static final int FAILED_ORDERS = 5;
  private static final int DELAYS = 6;
  private static final int FAILED_ATTEMPTS = 7;
  private static final int EXCEPTIONS = 8;
  private static final int ALERTED = 9;
  private static final int ALERTED_BEFORE = 10;

  private final JdbcClient jdbc;
  private final DeliveryDays days;
  /** False: every figure counted live from the orders, the roll-up not read (tests, benchmarks). */
  private final boolean readRollup;

  /** Public for the tests of modules that read through it: everything counted live. */
  public DeliveryHonesty(JdbcClient jdbc) {
    this(jdbc, Clock.systemUTC(), null);
  }

  @Autowired
  public DeliveryHonesty(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.days = new DeliveryDays(jdbc, clock, transactions);
    this.readRollup = transactions != null;
  }

  /** The orders due from {@code from} (inclusive) until {@code to} or now, whichever is earlier. */
  public Report report(Instant from, Instant to, Instant now) {
    Instant end = to.isBefore(now) ? to : now;
    Tally tally = new Tally();
    if (from.isBefore(end)) {
      if (!readRollup) {
        countLive(from, end, now, tally);
        return tally.report();
      }
      ClosedDays.Plan plan = days.closed().plan(from, end);
      if (plan.anyRolled()) {
        addRolled(plan, tally);
      }
      for (Instant[] range : plan.live()) {
        countLive(range[0], range[1], now, tally);
      }
    }
    return tally.report();
  }

  /** The days added up so far (the results benchmark and the tests). */
  ClosedDays closedDays() {
    return days.closed();
  }

  /** Replaces one day's rows with the counts of its due orders now (in the roll-up's transaction). */
  void writeDay(LocalDate day, Instant now) {
    jdbc.sql("DELETE FROM delivery_day WHERE on_day = ?").param(Date.valueOf(day)).update();
    jdbc.sql("DELETE FROM delivery_lead_day WHERE on_day = ?").param(Date.valueOf(day)).update();
    Tally tally = new Tally();
    countLive(ClosedDays.start(day), ClosedDays.start(day.plusDays(1)), now, tally);
    tally.byCarrier.forEach((carrier, f) -> jdbc.sql("""
            INSERT INTO delivery_day (on_day, carrier, due, ship_by_promised, late_to_ship, late_to_deliver,
              not_delivered, failed_orders, delays_reported, failed_attempts, exceptions, alerted, alerted_before_promise)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(Date.valueOf(day), carrier, f[DUE_], f[SHIP_BY], f[LATE_SHIP], f[LATE_DELIVER], f[NOT_DELIVERED],
            f[FAILED_ORDERS], f[DELAYS], f[FAILED_ATTEMPTS], f[EXCEPTIONS], f[ALERTED], f[ALERTED_BEFORE])
        .update());
    tally.leads.forEach((hours, orders) -> jdbc.sql(
            "INSERT INTO delivery_lead_day (on_day, lead_hours, orders) VALUES (?, ?, ?)")
        .params(Date.valueOf(day), hours, orders)
        .update());
  }

  /** The first day an order is due; null with no order. */
  LocalDate firstDueDay() {
    return jdbc.sql("SELECT MIN(promised_deliver_by) AS first_due FROM orders")
        .query((rs, n) -> OrderRows.instant(rs, "first_due"))
        .optional().map(ClosedDays::day).orElse(null);
  }

  private void addRolled(ClosedDays.Plan plan, Tally tally) {
    String where = " WHERE on_day >= ? AND on_day <= ?" + plan.notStale("on_day");
    jdbc.sql("SELECT carrier, " + SUMS + " FROM delivery_day" + where + " GROUP BY carrier")
        .params(plan.rolledParams())
        .query(rs -> {
          long[] f = tally.carrier(rs.getString(1));
          for (int i = 0; i < FIGURES; i++) {
            f[i] += rs.getLong(i + 2);
          }
        });
    jdbc.sql("SELECT lead_hours, SUM(orders) FROM delivery_lead_day" + where + " GROUP BY lead_hours")
        .params(plan.rolledParams())
        .query(rs -> {
          tally.leads.merge(rs.getInt(1), rs.getLong(2), Long::sum);
        });
  }

  /** Counts the orders due from {@code from} until {@code to} one by one (one index range scan). */
  private void countLive(Instant from, Instant to, Instant now, Tally tally) {
    jdbc.sql("SELECT " + COLUMNS + DUE)
        .params(OrderRows.utc(from), OrderRows.utc(to))
        .query(rs -> {
          Instant shipBy = OrderRows.instant(rs, "promised_ship_by");
          Instant shipped = OrderRows.instant(rs, "shipped_at");
          Instant deliverBy = OrderRows.instant(rs, "promised_deliver_by");
          Instant delivered = OrderRows.instant(rs, "delivered_at");
          Instant alert = OrderRows.instant(rs, "first_delay_alert_at");
          // An order not shipped counts late once its ship-by date passed, by the end of its due day at
          // the latest, so a closed day's count does not depend on when it is made.
          Instant dueDayEnd = ClosedDays.start(ClosedDays.day(deliverBy).plusDays(1));
          Instant cutoff = now.isBefore(dueDayEnd) ? now : dueDayEnd;
          boolean lateShip = shipBy != null && (shipped == null ? shipBy.isBefore(cutoff) : shipped.isAfter(shipBy));
          boolean lateDelivery = delivered == null || delivered.isAfter(deliverBy);
          int attempts = rs.getInt("failed_attempts");
          int exceptions = rs.getInt("exceptions");
          String carrier = rs.getString("carrier");
          long[] f = tally.carrier(carrier == null ? "" : carrier);
          f[DUE_]++;
          f[SHIP_BY] += shipBy == null ? 0 : 1;
          f[LATE_SHIP] += lateShip ? 1 : 0;
          f[LATE_DELIVER] += lateDelivery ? 1 : 0;
          f[NOT_DELIVERED] += delivered == null ? 1 : 0;
          f[FAILED_ORDERS] += attempts > 0 || exceptions > 0 ? 1 : 0;
          f[DELAYS] += rs.getInt("delays_reported");
          f[FAILED_ATTEMPTS] += attempts;
          f[EXCEPTIONS] += exceptions;
          if (lateDelivery && alert != null && (delivered == null || !alert.isAfter(delivered))) {
            long lead = Duration.between(alert, deliverBy).toSeconds();
            f[ALERTED]++;
            f[ALERTED_BEFORE] += lead > 0 ? 1 : 0;
            tally.leads.merge(leadHours(lead), 1L, Long::sum);
          }
        });
  }

  /** A warning time in whole hours, to the nearest (half an hour up). */
  static int leadHours(long seconds) {
    return (int) Math.floorDiv(seconds + 1_800, 3_600);
  }

  /** The median of hour counts; the mean of the middle two for an even count; null when none. */
  static Double median(TreeMap<Integer, Long> hours) {
    long n = hours.values().stream().mapToLong(Long::longValue).sum();
    if (n == 0) {
      return null;
    }
    return n % 2 == 1 ? (double) nth(hours, (n + 1) / 2) : (nth(hours, n / 2) + nth(hours, n / 2 + 1)) / 2.0;
  }

  private static int nth(TreeMap<Integer, Long> hours, long rank) {
    long seen = 0;
    for (Map.Entry<Integer, Long> e : hours.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("Expected rank " + rank + " of " + seen);
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  /** Figures per carrier and warning times, added up from rolled-up days and live counts alike. */
  private static final class Tally {
    final Map<String, long[]> byCarrier = new TreeMap<>();
    final TreeMap<Integer, Long> leads = new TreeMap<>();

    long[] carrier(String name) {
      return byCarrier.computeIfAbsent(name, k -> new long[FIGURES]);
    }

    Report report() {
      long[] t = new long[FIGURES];
      List<Carrier> carriers = new ArrayList<>();
      byCarrier.forEach((name, f) -> {
        for (int i = 0; i < FIGURES; i++) {
          t[i] += f[i];
        }
        carriers.add(new Carrier(name, f[DUE_], f[LATE_DELIVER], f[FAILED_ORDERS], f[DELAYS], f[FAILED_ATTEMPTS],
            f[EXCEPTIONS]));
      });
      carriers.sort(Comparator.comparingDouble(Carrier::lateShare).reversed()
          .thenComparing(Comparator.comparingDouble(Carrier::failedShare).reversed())
          .thenComparing(Carrier::carrier));
      return new Report(new Totals(t[DUE_], t[SHIP_BY], t[LATE_SHIP], t[LATE_DELIVER], t[NOT_DELIVERED]),
          carriers, new Alerts(t[LATE_DELIVER], t[ALERTED], t[ALERTED_BEFORE], median(leads)));
    }
  }
}
