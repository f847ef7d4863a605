package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delivery honesty's figures from a known history of orders, recorded through the stores the shop
 * events go through, on H2 and, when configured, PostgreSQL.
 */
class DeliveryHonestyTest {

  private static final Instant FROM = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2030-02-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2030-02-10T12:00:00Z");

  private MigratedDatabase database;
  private OrderStore orders;
  private ShipmentStore shipments;
  private DeliveryHonesty honesty;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    orders = new OrderStore(database.jdbc(), database.transactions());
    shipments = new ShipmentStore(database.jdbc());
    honesty = new DeliveryHonesty(database.jdbc());
    history();
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  /**
   * Eight orders: six due in January (A-6 cancelled, A-7 due in February). Ship-by is two days
   * before deliver-by.
   */
  private void history() {
    order("A-1", "DHL", day(10));
    progress("A-1", ShipmentStatus.SHIPPED, day(7));
    progress("A-1", ShipmentStatus.DELIVERED, day(9));

    order("A-2", "DHL", day(12));
    progress("A-2", ShipmentStatus.IN_TRANSIT, day(11)); // late to ship: ship-by was the 10th
    issue("A-2", ShipmentStatus.FAILED_ATTEMPT, true);
    issue("A-2", ShipmentStatus.FAILED_ATTEMPT, false); // the same news again counts once
    progress("A-2", ShipmentStatus.DELIVERED, day(14));
    progress("A-2", ShipmentStatus.DELIVERED, day(15)); // a repeat keeps the first delivery

    order("A-3", "UPS", day(15));
    progress("A-3", ShipmentStatus.SHIPPED, day(12));
    issue("A-3", ShipmentStatus.DELAYED, true);
    issue("A-3", ShipmentStatus.EXCEPTION, true);
    progress("A-3", ShipmentStatus.DELIVERED, day(15)); // on the promised instant: on time

    order("A-4", "UPS", day(20));
    progress("A-4", ShipmentStatus.SHIPPED, day(19)); // late to ship, never delivered

    order("A-5", null, day(25)); // never shipped

    order("A-6", "DHL", day(20));
    shipments.recordCancellation("A-6", "customer", day(5));

    order("A-7", "DHL", day(36));

    order("A-8", "DHL", day(28));
    progress("A-8", ShipmentStatus.SHIPPED, day(25));
    progress("A-8", ShipmentStatus.DELIVERED, day(27));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void countsTheOrdersDueInThePeriodThatShippedOrArrivedLate(String kind) {
    open(kind);

    DeliveryHonesty.Report report = honesty.report(FROM, TO, NOW);

    assertThat(report.totals()).isEqualTo(new DeliveryHonesty.Totals(6, 6, 3, 3, 2));
    assertThat(report.totals().lateToDeliverShare()).isEqualTo(0.5);
    assertThat(report.late()).containsExactly(
        new DeliveryHonesty.LateOrder("A-2", day(12), day(14)),
        new DeliveryHonesty.LateOrder("A-4", day(20), null),
        new DeliveryHonesty.LateOrder("A-5", day(25), null));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void ranksCarriersByTheirShareOfLateOrdersThenFailures(String kind) {
    open(kind);

    assertThat(honesty.report(FROM, TO, NOW).carriers()).containsExactly(
        new DeliveryHonesty.Carrier("", 1, 1, 0, 0, 0, 0),
        new DeliveryHonesty.Carrier("UPS", 2, 1, 1, 1, 0, 1),
        new DeliveryHonesty.Carrier("DHL", 3, 1, 1, 0, 1, 0));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void ordersNotDueYetAreNotCounted(String kind) {
    open(kind);

    // On the 16th, only were due; A-2 was late.
    DeliveryHonesty.Report report = honesty.report(FROM, TO, day(16));

    assertThat(report.totals()).isEqualTo(new DeliveryHonesty.Totals(3, 3, 1, 1, 0));
    assertThat(honesty.report(TO, TO.plus(Duration.ofDays(28)), day(16)).totals().due()).isZero();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aRatingsFactsSayWhenTheOrderArrivedAgainstThePromise(String kind) {
    open(kind);

    assertThat(orders.deliveryFacts("A-2")).contains(
        new DeliveryFacts("A-2", false, "en", "DHL", List.of("MUG-01", "TEA-07"), day(12), day(14)));
    assertThat(orders.deliveryFacts("A-2").orElseThrow().deliveredLate()).isTrue();
    assertThat(orders.deliveryFacts("A-3").orElseThrow().deliveredLate()).isFalse();
    assertThat(orders.deliveryFacts("nope")).isEmpty();
  }

  private void order(String orderId, String carrier, Instant deliverBy) {
    orders.claim(new Order(
        orderId, new Order.Customer("jane@example.com", "Jane Doe"),
        List.of(new Order.Item("MUG-01", "Blue mug", 2, new BigDecimal("12.50")),
            new Order.Item("TEA-07", "Green tea", 1, new BigDecimal("8.90")),
            new Order.Item("MUG-01", "Blue mug", 1, new BigDecimal("12.50"))),
        new BigDecimal("45.90"), "EUR", "en", null, null, FROM, "c-1", FROM, deliverBy.minus(Duration.ofDays(2)),
        deliverBy, Order.Shipment.NONE, null), FROM);
    if (carrier != null) {
      shipments.recordTracking(ShipmentReport.of(orderId, ShipmentStatus.SHIPPED, carrier, "T1", null, null, FROM, "e"),
          FROM);
    }
  }

  private void progress(String orderId, ShipmentStatus status, Instant at) {
    shipments.recordProgress(orderId, status, at);
  }

  private void issue(String orderId, ShipmentStatus issue, boolean isNew) {
    shipments.recordIssue(orderId, issue, isNew);
  }

  private static Instant day(int day) {
    return LocalDate.of(2030, 1, 1).plusDays(day - 1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
  }
}
