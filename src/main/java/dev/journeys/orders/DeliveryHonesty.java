package dev.journeys.orders;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Delivery honesty, the orders' side: of the orders due in a period (by the date promised for
 * delivery, up to now), how many shipped late and arrived late, and each carrier's record. Cancelled
 * orders are left out. Reads each due order once (by the index on promised_deliver_by): when an
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
    // One pass over the due orders (one index range scan), counted here rather than scanned twice.
    Map<String, long[]> byCarrier = new TreeMap<>();
    long[] totals = new long[5];
    List<LateOrder> late = new ArrayList<>();
    jdbc.sql("SELECT order_id, carrier, promised_ship_by, shipped_at, promised_deliver_by, delivered_at,"
            + " delays_reported, failed_attempts, exceptions" + DUE + " ORDER BY promised_deliver_by")
        .params(OrderRows.utc(from), OrderRows.utc(end))
        .query(rs -> {
          Instant shipBy = OrderRows.instant(rs, "promised_ship_by");
          Instant shipped = OrderRows.instant(rs, "shipped_at");
          Instant deliverBy = OrderRows.instant(rs, "promised_deliver_by");
          Instant delivered = OrderRows.instant(rs, "delivered_at");
          boolean lateShip = shipBy != null && (shipped == null ? shipBy.isBefore(now) : shipped.isAfter(shipBy));
          boolean lateDelivery = delivered == null || delivered.isAfter(deliverBy);
          int attempts = rs.getInt("failed_attempts");
          int exceptions = rs.getInt("exceptions");
          String carrier = rs.getString("carrier");
          long[] c = byCarrier.computeIfAbsent(carrier == null ? "" : carrier, k -> new long[6]);
          c[0]++;
          c[1] += lateDelivery ? 1 : 0;
          c[2] += attempts > 0 || exceptions > 0 ? 1 : 0;
          c[3] += rs.getInt("delays_reported");
          c[4] += attempts;
          c[5] += exceptions;
          totals[0]++;
          totals[1] += shipBy == null ? 0 : 1;
          totals[2] += lateShip ? 1 : 0;
          totals[3] += lateDelivery ? 1 : 0;
          totals[4] += delivered == null ? 1 : 0;
          if (lateDelivery) {
            late.add(new LateOrder(rs.getString("order_id"), deliverBy, delivered));
          }
        });
    List<Carrier> carriers = byCarrier.entrySet().stream()
        .map(e -> new Carrier(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
            e.getValue()[4], e.getValue()[5]))
        .sorted(Comparator.comparingDouble(Carrier::lateShare).reversed()
            .thenComparing(Comparator.comparingDouble(Carrier::failedShare).reversed())
            .thenComparing(Carrier::carrier))
        .toList();
    return new Report(new Totals(totals[0], totals[1], totals[2], totals[3], totals[4]), carriers, late);
  }

  private static double share(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
