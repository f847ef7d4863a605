package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What counts as the same piece of shipping news, and where a pickup notice's place comes from. */
class ShipmentNewsTest {

  private static final Instant T0 = Instant.parse("2030-03-10T09:00:00Z");
  private static final LocalDate MARCH_20 = LocalDate.of(2030, 3, 20);

  @Test
  void theSameFactsAreTheSameNewsWhateverTheEventId() {
    ShipmentNews first = news(report(ShipmentStatus.DELAYED, MARCH_20, "scan-1"), null);
    ShipmentNews again = news(report(ShipmentStatus.DELAYED, MARCH_20, "fulfillment-9-update"), null);

    assertThat(again.key()).isEqualTo(first.key()).startsWith("delayed-");
  }

  @Test
  void aRepeatThatLeavesTheDateOutRepeatsTheLatestNewsOfItsKind() {
    ShipmentNews dated = news(report(ShipmentStatus.FAILED_ATTEMPT, MARCH_20, "scan-1"), null);
    ShipmentNews repeat = news(report(ShipmentStatus.FAILED_ATTEMPT, null, "fulfillment-9-update"), dated);

    assertThat(repeat.key()).isEqualTo(dated.key());
    assertThat(repeat.expectedDelivery()).isEqualTo(MARCH_20);
  }

  @Test
  void aNewDateOrAnotherKindIsNewNews() {
    ShipmentNews undated = news(report(ShipmentStatus.DELAYED, null, "scan-1"), null);
    ShipmentNews dated = news(report(ShipmentStatus.DELAYED, MARCH_20, "scan-2"), undated);
    ShipmentNews later = news(report(ShipmentStatus.DELAYED, MARCH_20.plusDays(2), "scan-3"), dated);
    ShipmentNews attempt = news(report(ShipmentStatus.FAILED_ATTEMPT, MARCH_20, "scan-4"), null);

    assertThat(java.util.Set.of(undated.key(), dated.key(), later.key(), attempt.key())).hasSize(4);
  }

  @Test
  void aPickupIsNewsAgainOnlyWhenItsPlaceOrHoldDateChanged() {
    ShipmentNews locker = news(pickup("Locker 7", null), null);
    ShipmentNews repeat = news(pickup(null, null), locker);
    ShipmentNews heldLonger = news(pickup("Locker 7", MARCH_20), locker);
    ShipmentNews elsewhere = news(pickup("Post office", null), locker);

    assertThat(repeat.key()).isEqualTo(locker.key());
    assertThat(repeat.pickupPlace()).isEqualTo("Locker 7");
    assertThat(heldLonger.key()).isNotEqualTo(locker.key());
    assertThat(elsewhere.key()).isNotEqualTo(locker.key()).isNotEqualTo(heldLonger.key());
  }

  @Test
  void aCarrierProblemWithoutADateOrAPickupWithoutItsPlaceMayBeCompletedByARepeat() {
    assertThat(news(report(ShipmentStatus.DELAYED, null, "u"), null).incomplete()).isTrue();
    assertThat(news(report(ShipmentStatus.FAILED_ATTEMPT, null, "u"), null).incomplete()).isTrue();
    assertThat(news(report(ShipmentStatus.DELAYED, MARCH_20, "e"), null).incomplete()).isFalse();
    assertThat(news(pickup(null, null), null).incomplete()).isTrue();
    assertThat(news(pickup("Locker 7", null), null).incomplete()).isFalse();
    assertThat(news(report(ShipmentStatus.IN_TRANSIT, null, "t"), null).incomplete()).isFalse();
  }

  @Test
  void newsWithoutTheCarriersTimeHappenedWhenWeHeardOfIt() {
    ShipmentReport undated = ShipmentReport.of("A-1", ShipmentStatus.DELIVERED, "DHL", "JD1", null, null, null, "d");
    ShipmentNews news = ShipmentNews.of(undated, ShipmentStatus.DELIVERED, null, T0.plusSeconds(60));

    assertThat(news.occurredAt()).isEqualTo(T0.plusSeconds(60)).isEqualTo(news.reportedAt());
  }

  @Test
  void shopifyNamesThePickupPlaceByTheCarriersMessageAndTheAddressItDoesNotRepeat() throws Exception {
    var event = new ObjectMapper().readTree("""
        {"id": 1, "order_id": 5, "fulfillment_id": 9, "status": "ready_for_pickup",
         "message": "DHL Packstation 152, Schönhauser Allee 10", "address1": "Schönhauser Allee 10",
         "zip": "10435", "city": "Berlin", "province": null, "happened_at": "2030-03-10T10:00:00+01:00"}""");

    ShipmentReport report = ShopifyShipments.fromEvent(event);

    assertThat(report.progress()).isEqualTo(ShipmentStatus.READY_FOR_PICKUP);
    assertThat(report.pickupPlace()).isEqualTo("DHL Packstation 152, Schönhauser Allee 10, 10435 Berlin");
  }

  private static ShipmentNews news(ShipmentReport report, ShipmentNews previous) {
    ShipmentStatus kind = report.progress() != null ? report.progress() : report.issue();
    return ShipmentNews.of(report, kind, previous, Instant.parse("2026-03-02T10:00:00Z"));
  }

  private static ShipmentReport report(ShipmentStatus status, LocalDate expected, String eventId) {
    return ShipmentReport.of("A-1", status, "DHL", "JD1", null, expected, T0, eventId);
  }

  private static ShipmentReport pickup(String place, LocalDate until) {
    return report(ShipmentStatus.READY_FOR_PICKUP, null, "p").withPickup(place, until);
  }
}
