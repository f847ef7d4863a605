package dev.journeys.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Delivery honesty, the orders' side: of the orders due in a period (by the date promised for
 * delivery, up to now), how many shipped late and arrived late, and each carrier's record. Cancelled
 * orders are left out. Reads one row per due order (by the index on promised_deliver_by): when an
 * order shipped and arrived and how many problems its carrier reported are kept on the order.
 * Whether customers heard of a delay first is notify's to say (SentMessages), for the late orders
 * listed here.
 */
@Service
public class DeliveryHonesty {

  /**
   * @param due orders whose promised delivery date fell in the period (and has passed)
   * @param shipByPromised of those, the ones with a ship-by date
   * @param lateToShip shipped after the ship-by date, or not shipped and the date has passed
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

  /** An order that arrived late or not yet: what notify is asked about (was a delay alert sent?). */
  public record LateOrder(String orderId, Instant promisedDeliverBy, Instant deliveredAt) {}

  /** The period's figures; carriers worst first (late share, then failures, then name). */
  public record Report(Totals totals, List<Carrier> carriers, List<LateOrder> late) {}

  private static final String DUE =
      " FROM orders WHERE promised_deliver_by >= ? AND promised_deliver_by < ? AND cancelled_at IS NULL";
  private static final String LATE = "(delivered_at IS NULL OR delivered_at > promised_deliver_by)";

  private final JdbcClient jdbc;

  /** Public for the tests of modules that read through it. */
  public DeliveryHonesty(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The orders due from {@code from} (inclusive) until {@code to} or now, whichever is earlier. */
  public Report report(Instant from, Instant to, Instant now) {
    Instant end = to.isBefore(now) ? to : now;
    if (!from.isBefore(end)) {
      return new Report(new Totals(0, 0, 0, 0, 0), List.of(), List.of());
    }
    List<Row> rows = jdbc.sql(
            "SELECT COALESCE(carrier, '') AS c, COUNT(*) AS due,"
                + " SUM(CASE WHEN promised_ship_by IS NULL THEN 0 ELSE 1 END) AS ship_by,"
                + " SUM(CASE WHEN promised_ship_by IS NOT NULL AND (shipped_at > promised_ship_by"
                + "   OR (shipped_at IS NULL AND promised_ship_by < ?)) THEN 1 ELSE 0 END) AS late_ship,"
                + " SUM(CASE WHEN " + LATE + " THEN 1 ELSE 0 END) AS late,"
                + " SUM(CASE WHEN delivered_at IS NULL THEN 1 ELSE 0 END) AS undelivered,"
                + " SUM(CASE WHEN failed_attempts > 0 OR exceptions > 0 THEN 1 ELSE 0 END) AS failed,"
                + " SUM(delays_reported) AS delays, SUM(failed_attempts) AS attempts, SUM(exceptions) AS exceptions"
                + DUE + " GROUP BY COALESCE(carrier, '')")
        .params(OrderRows.utc(now), OrderRows.utc(from), OrderRows.utc(end))
        .query((rs, n) -> new Row(
            new Carrier(rs.getString("c"), rs.getLong("due"), rs.getLong("late"), rs.getLong("failed"),
                rs.getLong("delays"), rs.getLong("attempts"), rs.getLong("exceptions")),
            rs.getLong("ship_by"), rs.getLong("late_ship"), rs.getLong("undelivered")))
        .list();
    Totals totals = new Totals(
        rows.stream().mapToLong(r -> r.carrier().due()).sum(),
        rows.stream().mapToLong(Row::shipBy).sum(),
        rows.stream().mapToLong(Row::lateShip).sum(),
        rows.stream().mapToLong(r -> r.carrier().lateToDeliver()).sum(),
        rows.stream().mapToLong(Row::undelivered).sum());
    List<Carrier> carriers = rows.stream().map(Row::carrier)
        .sorted(Comparator.comparingDouble(Carrier::lateShare).reversed()
            .thenComparing(Comparator.comparingDouble(Carrier::failedShare).reversed())
            .thenComparing(Carrier::carrier))
        .toList();
    List<LateOrder> late = jdbc.sql(
            "SELECT order_id, promised_deliver_by, delivered_at" + DUE + " AND " + LATE + " ORDER BY promised_deliver_by")
        .params(OrderRows.utc(from), OrderRows.utc(end))
        .query((rs, n) -> new LateOrder(rs.getString(1), OrderRows.instant(rs, "promised_deliver_by"),
            OrderRows.instant(rs, "delivered_at")))
        .list();
    return new Report(totals, carriers, late);
  }

  private record Row(Carrier carrier, long shipBy, long lateShip, long undelivered) {}

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
