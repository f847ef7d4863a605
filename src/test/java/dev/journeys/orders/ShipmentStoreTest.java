package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** An order's journey facts and shipment columns on H2 and, when configured, PostgreSQL. */
class ShipmentStoreTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");

  private MigratedDatabase database;
  private OrderStore orders;
  private ShipmentStore shipments;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    orders = new OrderStore(database.jdbc(), database.transactions());
    shipments = new ShipmentStore(database.jdbc());
    orders.claim(order("A-1"), T0);
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void anOrderKeepsItsCustomerAndPromises(String kind) {
    open(kind);

    Order stored = orders.find("A-1").orElseThrow();

    assertThat(stored.customerId()).isEqualTo("c-1");
    assertThat(stored.placedAt()).isEqualTo(T0.minusSeconds(60));
    assertThat(stored.promisedShipBy()).isEqualTo(T0.plusSeconds(3600));
    assertThat(stored.promisedDeliverBy()).isEqualTo(T0.plusSeconds(7200));
    assertThat(stored.shipment()).isEqualTo(Order.Shipment.NONE);
    assertThat(stored.cancelled()).isFalse();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void trackingKeepsWhatALaterEventLeavesOut(String kind) {
    open(kind);

    database.transactions().executeWithoutResult(tx -> {
      assertThat(shipments.lock("A-1")).isPresent();
      shipments.recordTracking(report(ShipmentStatus.SHIPPED, "DHL", "JD1", LocalDate.of(2030, 1, 5)), T0);
      shipments.recordProgress("A-1", ShipmentStatus.SHIPPED, T0);
    });
    database.transactions().executeWithoutResult(tx -> {
      shipments.recordTracking(report(ShipmentStatus.DELAYED, null, null, null), T0.plusSeconds(5));
      shipments.recordIssue("A-1", ShipmentStatus.DELAYED, true);
    });

    Order.Shipment shipment = orders.find("A-1").orElseThrow().shipment();
    assertThat(shipment.status()).isEqualTo(ShipmentStatus.SHIPPED);
    assertThat(shipment.lastCarrierIssue()).isEqualTo(ShipmentStatus.DELAYED);
    assertThat(shipment.carrier()).isEqualTo("DHL");
    assertThat(shipment.trackingNumber()).isEqualTo("JD1");
    assertThat(shipment.updatedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(orders.find("A-1").orElseThrow().estimatedDelivery()).isEqualTo(LocalDate.of(2030, 1, 5));
    assertThat(shipments.lock("B-404")).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aCancellationIsRecorded(String kind) {
    open(kind);

    shipments.recordCancellation("A-1", "customer", T0);

    assertThat(orders.find("A-1").orElseThrow().cancellation()).isEqualTo(new Order.Cancellation(T0, "customer"));
  }

  private static ShipmentReport report(ShipmentStatus status, String carrier, String number, LocalDate eta) {
    return ShipmentReport.of("A-1", status, carrier, number, null, eta, T0, "e-1");
  }

  private static Order order(String orderId) {
    return new Order(
        orderId, new Order.Customer("jane@example.com", "Jane Doe"),
        List.of(new Order.Item("MUG-01", "Blue mug", 2, new BigDecimal("12.50"))),
        new BigDecimal("25.00"), "EUR", "en", LocalDate.of(2030, 1, 3), null, T0, "c-1",
        T0.minusSeconds(60), T0.plusSeconds(3600), T0.plusSeconds(7200), Order.Shipment.NONE, null);
  }
}
