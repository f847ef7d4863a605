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
 */
record ShipmentRequest(
    @NotNull ShipmentStatus status,
    @Size(max = 100) String carrier,
    @Size(max = 100) String trackingNumber,
    @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String trackingUrl,
    LocalDate estimatedDelivery,
    Instant occurredAt,
    @Size(max = 100) @Pattern(regexp = OrderRequest.ID, message = OrderRequest.ID_MESSAGE) String eventId) {

  /** Same order, status, and id or time: the same event. */
  String businessKey(String orderId) {
    String which = eventId != null ? "id:" + eventId : occurredAt != null ? "at:" + occurredAt : "-";
    return "api:shipment:" + orderId + ":" + status + ":" + which;
  }
}
