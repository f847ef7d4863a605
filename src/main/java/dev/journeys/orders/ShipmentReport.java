package dev.journeys.orders;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a shipment event says, from either door.
 *
 * @param progress a progress status (SHIPPED ... DELIVERED); null when the event reports none
 * @param issue DELAYED, FAILED_ATTEMPT or EXCEPTION; null when the event reports none
 * @param estimatedDelivery the carrier's latest estimate; null when none was given
 * @param occurredAt when it happened at the carrier
 * @param eventId the sender's id of this event: tells a recurring issue from a repeated report
 */
record ShipmentReport(
    String orderId,
    ShipmentStatus progress,
    ShipmentStatus issue,
    String carrier,
    String trackingNumber,
    String trackingUrl,
    LocalDate estimatedDelivery,
    Instant occurredAt,
    String eventId) {

  /** A report of one status, whichever kind it is. */
  static ShipmentReport of(
      String orderId, ShipmentStatus status, String carrier, String trackingNumber,
      String trackingUrl, LocalDate estimatedDelivery, Instant occurredAt, String eventId) {
    return new ShipmentReport(
        orderId,
        status.isCarrierIssue() ? null : status,
        status.isCarrierIssue() ? status : null,
        carrier, trackingNumber, trackingUrl, estimatedDelivery, occurredAt, eventId);
  }
}
