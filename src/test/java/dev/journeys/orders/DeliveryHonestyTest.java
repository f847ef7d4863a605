package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import dev.journeys.notify.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Delivery honesty's figures from a known history of orders, recorded through the stores the shop
 * events go through (and notify's first delay alert), on H2 and, when configured, PostgreSQL: counted
 * live, and from the daily roll-up of closed days plus today counted live, every figure the same.
 */
class DeliveryHonestyTest {

  private static final Instant FROM = Instant.parse("2030-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2030-02-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2030-02-10T12:00:00Z");

  private MigratedDatabase database;
  private OrderStore orders;
  private ShipmentStore shipments;
  private DeliveryHonesty honesty;
  private DeliveryRollup rollup;
  private final MutableClock clock = new MutableClock(NOW);

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    orders = new OrderStore(database.jdbc(), database.transactions());
    shipments = new ShipmentStore(database.jdbc(), clock);
    honesty = new DeliveryHonesty(database.jdbc(), clock, database.transactions());
    rollup = new DeliveryRollup(honesty, null, clock, Duration.ofMinutes(10), Duration.ofMinutes(15));
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

    // Delay alerts as notify marks them sent: A-2 told a day before its promised date, A-4 a day
    // after (it has not arrived: still told first), A-8 (on time) told nothing counted.
    shipments.recordDelayAlert("A-2", day(11));
    shipments.recordDelayAlert("A-2", day(13)); // a second alert: the first counts
    shipments.recordDelayAlert("A-4", day(21));
    shipments.recordDelayAlert("A-8", day(26));
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void countsTheOrdersDueInThePeriodThatShippedOrArrivedLate(String kind) {
    open(kind);

    DeliveryHonesty.Report report = honesty.report(FROM, TO, NOW);

    assertThat(report.totals()).isEqualTo(new DeliveryHonesty.Totals(6, 6, 3, 3, 2));
    assertThat(report.totals().lateToDeliverShare()).isEqualTo(0.5);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void countsTheLateOrdersToldOfTheDelayFirstAndTheMedianWarning(String kind) {
    open(kind);

    // Late: A-2 (alerted 24 h before the promise), A-4 (24 h after, not arrived), A-5 (no alert).
    assertThat(honesty.report(FROM, TO, NOW).alerts()).isEqualTo(new DeliveryHonesty.Alerts(3, 2, 1, 0.0));
    assertThat(honesty.report(FROM, TO, NOW).alerts().alertedShare()).isEqualTo(0.6667);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void closedDaysReadFromTheRollupAndTodayLiveGiveTheSameFigures(String kind) {
    open(kind);
    // Today (10 February): A-9 due at 06:00, not shipped, alerted at 01:00 (5 hours before).
    order("A-9", "GLS", NOW.minus(Duration.ofHours(6)));
    shipments.recordDelayAlert("A-9", NOW.minus(Duration.ofHours(11)));
    Instant tomorrow = day(42);
    DeliveryHonesty.Report live = honesty.report(FROM, tomorrow, NOW);
    assertThat(live.totals()).isEqualTo(new DeliveryHonesty.Totals(8, 8, 5, 5, 4));
    assertThat(live.alerts()).isEqualTo(new DeliveryHonesty.Alerts(5, 3, 2, 5.0));
    assertThat(live.carriers()).containsExactly(
        new DeliveryHonesty.Carrier("", 1, 1, 0, 0, 0, 0),
        new DeliveryHonesty.Carrier("GLS", 1, 1, 0, 0, 0, 0),
        new DeliveryHonesty.Carrier("UPS", 2, 1, 1, 1, 0, 1),
        new DeliveryHonesty.Carrier("DHL", 4, 2, 1, 0, 1, 0));

    assertThat(rollup.rollUpClosedDays()).isEqualTo(31); // 10 January (the first due) to 9 February
    assertThat(rollup.rollUpClosedDays()).isZero(); // once: a second run finds nothing to do
    assertThat(honesty.closedDays().rolledThrough()).isEqualTo(LocalDate.of(2030, 2, 9));
    assertThat(honesty.report(FROM, tomorrow, NOW)).isEqualTo(live);
    assertThat(honesty.report(FROM, TO, NOW).totals()).isEqualTo(new DeliveryHonesty.Totals(6, 6, 3, 3, 2));
    // The closed days are read from the roll-up: a change behind the stores' back is not seen.
    database.jdbc().sql("UPDATE orders SET delivered_at = NULL WHERE order_id = 'A-1'").update();
    assertThat(honesty.report(FROM, tomorrow, NOW)).isEqualTo(live);
    database.jdbc().sql("UPDATE orders SET delivered_at = ? WHERE order_id = 'A-1'")
        .param(java.time.OffsetDateTime.ofInstant(day(9), java.time.ZoneOffset.UTC)).update();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void twoInstancesRollingUpAtOnceWriteEachDayOnce(String kind) {
    open(kind);
    DeliveryHonesty.Report live = honesty.report(FROM, TO, NOW);
    DeliveryRollup other = new DeliveryRollup(new DeliveryHonesty(database.jdbc(), clock, database.transactions()), null,
        clock, Duration.ofMinutes(10), Duration.ofMinutes(15));

    java.util.concurrent.CompletableFuture<Integer> first =
        java.util.concurrent.CompletableFuture.supplyAsync(rollup::rollUpClosedDays);
    java.util.concurrent.CompletableFuture<Integer> second =
        java.util.concurrent.CompletableFuture.supplyAsync(other::rollUpClosedDays);

    assertThat(first.join() + second.join()).isEqualTo(31);
    assertThat(database.jdbc().sql("SELECT SUM(due) FROM delivery_day").query(Long.class).single()).isEqualTo(7); // A-6 cancelled, A-9 not due by the 9th
    assertThat(honesty.report(FROM, TO, NOW)).isEqualTo(live);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aLateChangeToAClosedDayIsCountedAtOnceAndRolledUpAgain(String kind) {
    open(kind);
    rollup.rollUpClosedDays();

    // A-4, due 20 January, arrives today; A-5 (due the 25th) is cancelled; A-3 gets a failed attempt.
    progress("A-4", ShipmentStatus.DELIVERED, NOW);
    shipments.recordCancellation("A-5", "lost", NOW);
    issue("A-3", ShipmentStatus.FAILED_ATTEMPT, true);

    DeliveryHonesty.Report changed = honesty.report(FROM, TO, NOW);
    assertThat(changed.totals()).isEqualTo(new DeliveryHonesty.Totals(5, 5, 2, 2, 0));
    assertThat(changed.carriers()).containsExactly(
        new DeliveryHonesty.Carrier("UPS", 2, 1, 1, 1, 1, 1),
        new DeliveryHonesty.Carrier("DHL", 3, 1, 1, 0, 1, 0));
    assertThat(changed.alerts()).isEqualTo(new DeliveryHonesty.Alerts(2, 2, 1, 0.0));
    assertThat(honesty.closedDays().staleDays(day(1).atZone(java.time.ZoneOffset.UTC).toLocalDate(),
        LocalDate.of(2030, 2, 9))).containsExactly(
        LocalDate.of(2030, 1, 15), LocalDate.of(2030, 1, 20), LocalDate.of(2030, 1, 25));

    assertThat(rollup.rollUpClosedDays()).isEqualTo(3); // the three touched days, again
    assertThat(honesty.closedDays().staleDays(LocalDate.of(2030, 1, 1), LocalDate.of(2030, 2, 9))).isEmpty();
    assertThat(honesty.report(FROM, TO, NOW)).isEqualTo(changed);
    // ... and now from the roll-up alone.
    database.jdbc().sql("UPDATE orders SET delivered_at = NULL WHERE order_id = 'A-4'").update();
    assertThat(honesty.report(FROM, TO, NOW)).isEqualTo(changed);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aPeriodStartingMidDayCountsItsPartialDaysLive(String kind) {
    open(kind);
    rollup.rollUpClosedDays();

    // From noon on the 12th (A-2 is due at midnight that day, so out) to the 20th (A-4 out).
    DeliveryHonesty.Report report = honesty.report(day(12).plus(Duration.ofHours(12)), day(20), NOW);

    assertThat(report.totals()).isEqualTo(new DeliveryHonesty.Totals(1, 1, 0, 0, 0));
    assertThat(report.carriers()).containsExactly(new DeliveryHonesty.Carrier("UPS", 1, 0, 1, 1, 0, 1));
  }

  @Test
  void theMedianWarningIsCountedInWholeHours() {
    assertThat(DeliveryHonesty.leadHours(5_399)).isEqualTo(1);
    assertThat(DeliveryHonesty.leadHours(5_400)).isEqualTo(2);
    assertThat(DeliveryHonesty.leadHours(-5_400)).isEqualTo(-1);
    assertThat(DeliveryHonesty.leadHours(-5_401)).isEqualTo(-2);
    java.util.TreeMap<Integer, Long> hours = new java.util.TreeMap<>(java.util.Map.of(-3, 1L, 4, 2L, 10, 1L));
    assertThat(DeliveryHonesty.median(hours)).isEqualTo(4.0);
    hours.put(10, 3L);
    assertThat(DeliveryHonesty.median(hours)).isEqualTo(7.0);
    assertThat(DeliveryHonesty.median(new java.util.TreeMap<>())).isNull();
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
