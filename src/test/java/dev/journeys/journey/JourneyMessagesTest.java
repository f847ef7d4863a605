package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Messages as docs/JOURNEYS.md names them; a second publication of one is dropped by its id. */
@JourneysAppTest
class JourneyMessagesTest {

  @Autowired JourneyMessages messages;

  @Test
  void theContractsNamesKeysTimesToLiveAndIds() {
    assertThat(JourneyMessage.shipmentUpdated("1001", "IN_TRANSIT")).isEqualTo(new JourneyMessage(
        "shipment-updated", "1001", Map.of("shipmentStatus", "IN_TRANSIT"), Duration.ofDays(30), "1001:IN_TRANSIT"));
    assertThat(JourneyMessage.carrierIssueReported("1001", "DELAYED", "e-7")).isEqualTo(new JourneyMessage(
        "carrier-issue-reported", "1001", Map.of("carrierIssue", "DELAYED"), Duration.ofHours(1), "1001:DELAYED:e-7"));
    Instant at = Instant.parse("2030-01-02T08:00:00Z");
    assertThat(JourneyMessage.shipmentUpdated("1001", "DELIVERED", "n-1").reportedAt(at).variables())
        .isEqualTo(Map.of("shipmentStatus", "DELIVERED", "shipmentNews", "n-1", "shipmentEventAt", "2030-01-02T08:00:00Z"));
    assertThat(JourneyMessage.carrierIssueReported("1001", "DELAYED", "e-7", "n-2").reportedAt(at).variables())
        .isEqualTo(Map.of("carrierIssue", "DELAYED", "carrierNews", "n-2", "carrierIssueAt", "2030-01-02T08:00:00Z"));
    assertThat(JourneyMessage.shipmentUpdated("1001", "DELIVERED").reportedAt(null))
        .isEqualTo(JourneyMessage.shipmentUpdated("1001", "DELIVERED"));
    assertThat(JourneyMessage.firstOrderChanged("c-1", null, "1001:cancelled")).satisfies(m -> {
      assertThat(m.messageId()).isEqualTo("c-1:first-order:1001:cancelled");
      assertThat(m.variables()).containsEntry("firstOrderAt", null);
    });
    assertThat(JourneyMessage.orderCancelled("1001")).isEqualTo(new JourneyMessage(
        "order-cancelled", "1001", Map.of(), Duration.ofDays(30), "1001:cancelled"));
    Instant until = Instant.parse("2030-01-08T10:00:00Z");
    assertThat(JourneyMessage.feedbackReceived("1001", 4, 1, until)).isEqualTo(new JourneyMessage(
        "feedback-received", "1001", Map.of("rating", 4, "ratingChangeableUntil", "2030-01-08T10:00:00Z"),
        Duration.ofDays(30), "1001:feedback"));
    assertThat(JourneyMessage.feedbackReceived("1001", 1, 2, until).messageId()).isEqualTo("1001:feedback:2");
    assertThat(JourneyMessage.firstOrderPlaced("c-1", Instant.parse("2030-01-01T10:00:00Z"))).isEqualTo(new JourneyMessage(
        "first-order-placed", "c-1", Map.of("customerId", "c-1", "firstOrderAt", "2030-01-01T10:00:00Z"),
        Duration.ofHours(1), "c-1:first-order"));
    assertThat(JourneyMessage.customerErased("c-1")).isEqualTo(new JourneyMessage(
        "customer-erased", "c-1", Map.of(), Duration.ofDays(30), "c-1:erased"));
  }

  @Test
  void publishingTheSameMessageTwiceHasOneEffect() {
    JourneyMessage message = JourneyMessage.shipmentUpdated("T-" + UUID.randomUUID(), "SHIPPED");

    assertThat(messages.publish(message)).isEqualTo(JourneyMessages.Outcome.PUBLISHED);
    assertThat(messages.publish(message)).isEqualTo(JourneyMessages.Outcome.ALREADY_PUBLISHED);
  }
}
