package dev.journeys.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A message the journeys wait for, exactly as docs/JOURNEYS.md names it: name, correlation key,
 * variables, time to live and message id. The factories are the only place these are spelled out,
 * so the contract and the code cannot drift apart message by message.
 *
 * @param messageId the engine drops a second message with the same id while the first is
 *     buffered, which makes publishing idempotent for the time to live
 */
public record JourneyMessage(
    String name,
    String correlationKey,
    Map<String, Object> variables,
    Duration timeToLive,
    String messageId) {

  private static final Duration THIRTY_DAYS = Duration.ofDays(30);
  private static final Duration ONE_HOUR = Duration.ofHours(1);

  public JourneyMessage {
    // Not Map.copyOf: a variable may be null on purpose (first-order-changed without an order).
    variables = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(variables));
  }

  /** @param status SHIPPED, IN_TRANSIT, OUT_FOR_DELIVERY, READY_FOR_PICKUP or DELIVERED */
  public static JourneyMessage shipmentUpdated(String orderId, String status) {
    return new JourneyMessage(
        "shipment-updated", orderId, Map.of("shipmentStatus", status), THIRTY_DAYS,
        orderId + ":" + status);
  }

  /**
   * A status with the key of its news (orders' ShipmentNews), which the shipping update's
   * send-message job carries as {@code newsKey}: a message tells one piece of news once.
   */
  public static JourneyMessage shipmentUpdated(String orderId, String status, String newsKey) {
    return new JourneyMessage(
        "shipment-updated", orderId, Map.of("shipmentStatus", status, "shipmentNews", newsKey), THIRTY_DAYS,
        orderId + ":" + status);
  }

  /**
   * The status the order already has, told again because its news changed (a parcel ready for
   * pickup elsewhere, or held longer): its own message id, so the engine does not drop it.
   */
  public static JourneyMessage shipmentRetold(String orderId, String status, String newsKey) {
    return new JourneyMessage(
        "shipment-updated", orderId, Map.of("shipmentStatus", status, "shipmentNews", newsKey), THIRTY_DAYS,
        orderId + ":" + status + ":" + newsKey);
  }

  /** A carrier issue with the key of its news, which the delay alert's job carries as {@code newsKey}. */
  public static JourneyMessage carrierIssueReported(String orderId, String issue, String eventId, String newsKey) {
    return new JourneyMessage(
        "carrier-issue-reported", orderId, Map.of("carrierIssue", issue, "carrierNews", newsKey), ONE_HOUR,
        orderId + ":" + issue + ":" + eventId);
  }

  /**
   * @param issue DELAYED, FAILED_ATTEMPT or EXCEPTION
   * @param eventId the carrier's or shop's id of this report: the same issue may recur
   */
  public static JourneyMessage carrierIssueReported(String orderId, String issue, String eventId) {
    return new JourneyMessage(
        "carrier-issue-reported", orderId, Map.of("carrierIssue", issue), ONE_HOUR,
        orderId + ":" + issue + ":" + eventId);
  }

  /**
   * This shipment or carrier message with when the carrier reported it, as variable
   * {@code shipmentEventAt} or {@code carrierIssueAt}: late news is not worth sending (notify's
   * NewsAge). Unchanged when {@code occurredAt} is null (the sender did not say).
   */
  public JourneyMessage reportedAt(Instant occurredAt) {
    if (occurredAt == null) {
      return this;
    }
    String variable = switch (name) {
      case "shipment-updated" -> "shipmentEventAt";
      case "carrier-issue-reported" -> "carrierIssueAt";
      default -> throw new IllegalArgumentException(
          "Expected a shipment-updated or carrier-issue-reported message, but got " + name);
    };
    Map<String, Object> more = new java.util.HashMap<>(variables);
    more.put(variable, occurredAt.toString());
    return new JourneyMessage(name, correlationKey, more, timeToLive, messageId);
  }

  public static JourneyMessage orderCancelled(String orderId) {
    return new JourneyMessage(
        "order-cancelled", orderId, Map.of(), THIRTY_DAYS, orderId + ":cancelled");
  }

  /**
   * A rating the customer confirmed, or changed.
   *
   * @param rating 1 to 5
   * @param version 1 for the first rating, +1 per change: each one reaches the journey once
   * @param changeableUntil until when the customer may still change it (the journey waits that long)
   */
  public static JourneyMessage feedbackReceived(String orderId, int rating, int version, Instant changeableUntil) {
    return new JourneyMessage(
        "feedback-received", orderId,
        Map.of("rating", rating, "ratingChangeableUntil", changeableUntil.toString()), THIRTY_DAYS,
        version == 1 ? orderId + ":feedback" : orderId + ":feedback:" + version);
  }

  public static JourneyMessage firstOrderPlaced(String customerId, Instant firstOrderAt) {
    return new JourneyMessage(
        "first-order-placed",
        customerId,
        Map.of("customerId", customerId, "firstOrderAt", firstOrderAt.toString()),
        ONE_HOUR,
        customerId + ":first-order");
  }

  /**
   * The customer's first order that was not cancelled is now another one (or none): the anniversary
   * counts from it.
   *
   * @param firstOrderAt when that order was placed; null when every order was cancelled
   * @param change what changed it (an order id and what happened to it): one message per change
   */
  public static JourneyMessage firstOrderChanged(String customerId, Instant firstOrderAt, String change) {
    Map<String, Object> variables = new java.util.HashMap<>();
    variables.put("firstOrderAt", firstOrderAt == null ? null : firstOrderAt.toString());
    return new JourneyMessage(
        "first-order-changed", customerId, variables, ONE_HOUR, customerId + ":first-order:" + change);
  }

  public static JourneyMessage customerErased(String customerId) {
    return new JourneyMessage(
        "customer-erased", customerId, Map.of(), THIRTY_DAYS, customerId + ":erased");
  }
}
