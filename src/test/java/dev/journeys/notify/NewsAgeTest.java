package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.orders.Order;
import dev.journeys.orders.ShipmentStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which news is too late to tell, for each message type, against the order as it stands now. */
class NewsAgeTest {

  private static final Instant NOW = Instant.parse("2030-03-01T10:00:00Z");

  private final NewsAge age = new NewsAge(
      new StaleAfterProperties(Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(7)),
      Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void noConfirmationForAnOrderPlacedLongerAgoThanItsWindow() {
    assertThat(skip("order-confirmation", order(days(1), null, null, null), Map.of())).isEmpty();
    assertThat(skip("order-confirmation", order(days(30), null, null, null), Map.of())).contains("stale-news");
  }

  @Test
  void noShippingUpdateForAStatusTheOrderHasPassedOrThatHappenedTooLongAgo() {
    Order delivered = order(days(5), null, null, ShipmentStatus.DELIVERED);
    assertThat(skip("shipping-update", delivered, Map.of("shipmentStatus", "OUT_FOR_DELIVERY"))).contains("stale-news");
    assertThat(skip("shipping-update", delivered, Map.of("shipmentStatus", "DELIVERED"))).isEmpty();
    assertThat(skip("shipping-update", delivered,
        Map.of("shipmentStatus", "DELIVERED", "shipmentEventAt", days(4).toString()))).contains("stale-news");
    assertThat(skip("shipping-update", delivered,
        Map.of("shipmentStatus", "DELIVERED", "shipmentEventAt", days(1).toString()))).isEmpty();
    // a failed delivery ends at a pickup point: ready for pickup has passed out for delivery
    Order pickup = order(days(5), null, null, ShipmentStatus.READY_FOR_PICKUP);
    assertThat(skip("shipping-update", pickup, Map.of("shipmentStatus", "OUT_FOR_DELIVERY")))
        .as("out for delivery once ready for pickup: passed").contains("stale-news");
    Order outForDelivery = order(days(5), null, null, ShipmentStatus.OUT_FOR_DELIVERY);
    assertThat(skip("shipping-update", outForDelivery, Map.of("shipmentStatus", "READY_FOR_PICKUP")))
        .as("ready for pickup after out for delivery: news").isEmpty();
  }

  @Test
  void shipByAndDeliverByMissedTogetherGiveOneAlert() {
    Order both = order(days(2), days(1), hours(1), null);
    assertThat(skip("delay-alert", both, Map.of("delayReason", "SHIP_BY_PASSED"))).contains("covered-by-deliver-by-alert");
    assertThat(skip("delay-alert", both, Map.of("delayReason", "DELIVER_BY_PASSED"))).isEmpty();
    Order shipByOnly = order(days(2), days(1), NOW.plus(Duration.ofDays(3)), null);
    assertThat(skip("delay-alert", shipByOnly, Map.of("delayReason", "SHIP_BY_PASSED"))).isEmpty();
  }

  @Test
  void noDelayAlertOnceTheOrderMovedOnOrWhenTheMissedDateIsLongPast() {
    assertThat(skip("delay-alert", order(days(9), days(8), NOW.plus(Duration.ofDays(3)), null),
        Map.of("delayReason", "SHIP_BY_PASSED"))).contains("stale-news");
    assertThat(skip("delay-alert", order(days(2), days(1), NOW.plus(Duration.ofDays(3)), ShipmentStatus.SHIPPED),
        Map.of("delayReason", "SHIP_BY_PASSED"))).contains("stale-news");
    assertThat(skip("delay-alert", order(days(20), days(19), days(10), ShipmentStatus.IN_TRANSIT),
        Map.of("delayReason", "DELIVER_BY_PASSED"))).contains("stale-news");
    assertThat(skip("delay-alert", order(days(3), days(2), hours(1), ShipmentStatus.DELIVERED),
        Map.of("delayReason", "DELIVER_BY_PASSED"))).contains("stale-news");
    assertThat(skip("delay-alert", order(days(20), null, null, ShipmentStatus.IN_TRANSIT),
        Map.of("carrierIssue", "DELAYED", "carrierIssueAt", days(8).toString()))).contains("stale-news");
    assertThat(skip("delay-alert", order(days(20), null, null, ShipmentStatus.IN_TRANSIT),
        Map.of("carrierIssue", "DELAYED", "carrierIssueAt", hours(2).toString()))).isEmpty();
  }

  @Test
  void unknownTimesAndOtherMessagesAreAlwaysNews() {
    assertThat(skip("shipping-update", order(days(40), null, null, null), Map.of("shipmentStatus", "SHIPPED"))).isEmpty();
    assertThat(skip("cancellation-notice", order(days(40), null, null, null), Map.of())).isEmpty();
    assertThat(skip("feedback-request", order(days(40), null, null, ShipmentStatus.DELIVERED), Map.of())).isEmpty();
  }

  private Optional<String> skip(String template, Order order, Map<String, Object> facts) {
    return age.reasonToSkip(new MessageRequest("o-1", "c-1", template, List.of(Channel.EMAIL),
        Purpose.TRANSACTIONAL, new HashMap<>(facts)), order);
  }

  private static Order order(Instant placedAt, Instant shipBy, Instant deliverBy, ShipmentStatus status) {
    return new Order("o-1", new Order.Customer("a@example.com", "A"), List.of(), BigDecimal.TEN, "EUR", "en",
        null, 1L, placedAt, "c-1", placedAt, shipBy, deliverBy,
        new Order.Shipment(status, null, null, null, null, null), null);
  }

  private static Instant days(int ago) {
    return NOW.minus(Duration.ofDays(ago));
  }

  private static Instant hours(int ago) {
    return NOW.minus(Duration.ofHours(ago));
  }
}
