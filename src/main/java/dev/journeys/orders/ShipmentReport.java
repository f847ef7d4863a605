package dev.journeys.orders;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What a shipment event says, from either door.
 *
 * @param progress a progress status (SHIPPED ... DELIVERED); null when the event reports none
 * @param issue DELAYED, FAILED_ATTEMPT or EXCEPTION; null when the event reports none
 * @param estimatedDelivery the carrier's latest estimate; null when none was given
 * @param pickupPlace where a parcel ready for pickup waits (the carrier's words and address); null
 *     when not given
 * @param pickupUntil until when the pickup place holds it; null when not given
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
    String eventId,
    String pickupPlace,
    LocalDate pickupUntil) {

  /** A report without pickup details. */
  ShipmentReport(
      String orderId, ShipmentStatus progress, ShipmentStatus issue, String carrier, String trackingNumber,
      String trackingUrl, LocalDate estimatedDelivery, Instant occurredAt, String eventId) {
    this(orderId, progress, issue, carrier, trackingNumber, trackingUrl, estimatedDelivery, occurredAt, eventId,
        null, null);
  }

  /** The same report with pickup details. */
  ShipmentReport withPickup(String place, LocalDate until) {
    return new ShipmentReport(orderId, progress, issue, carrier, trackingNumber, trackingUrl, estimatedDelivery,
        occurredAt, eventId, place, until);
  }

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
