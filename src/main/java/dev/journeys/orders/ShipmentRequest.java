package dev.journeys.orders;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The JSON body of POST /api/orders/{orderId}/shipments: one status report from the shop or its
 * carrier.
 *
 * @param estimatedDelivery the carrier's latest estimate; replaces the order's
 * @param occurredAt when it happened; with eventId, tells a recurring carrier issue from a repeat
 * @param eventId the shop's or carrier's id of this event: a report with the same id is a repeat
 * @param carrier the carrier's name, e.g. DHL Express; messages name it with the tracking number
 * @param trackingUrl the carrier's tracking page for this parcel: messages link it instead of the
 *     shop's tracking page
 * @param pickupPlace for READY_FOR_PICKUP: where the parcel waits, as the customer should read it
 * @param pickupUntil for READY_FOR_PICKUP: the last day the pickup place holds it
 */
record ShipmentRequest(
    @NotNull ShipmentStatus status,
    @Size(max = 100) String carrier,
    @Size(max = 100) String trackingNumber,
    @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String trackingUrl,
    LocalDate estimatedDelivery,
    Instant occurredAt,
    @Size(max = 100) @Pattern(regexp = OrderRequest.ID, message = OrderRequest.ID_MESSAGE) String eventId,
    @Size(max = 500) String pickupPlace,
    LocalDate pickupUntil) {

  /**
   * Same order, status, and id or time: the same event. Without either, a report that says
   * something new (a date, a pickup place) is another event, not a repeat.
   */
  String businessKey(String orderId) {
    String which = eventId != null ? "id:" + eventId : occurredAt != null ? "at:" + occurredAt : "-" + details();
    return "api:shipment:" + orderId + ":" + status + ":" + which;
  }

  private String details() {
    if (estimatedDelivery == null && pickupPlace == null && pickupUntil == null) {
      return "";
    }
    String details = estimatedDelivery + "|" + pickupPlace + "|" + pickupUntil;
    return ":" + ShopifyTopic.sha256(details.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
