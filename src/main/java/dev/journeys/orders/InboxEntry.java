package dev.journeys.orders;

import java.time.Instant;

/**
 * One inbound event in the inbox table (V11__inbox.sql describes the columns).
 *
 * @param deliveryId the sender's id of this delivery, e.g. X-Shopify-Webhook-Id; may be null
 * @param businessKey what the event is about, from its body; unique
 * @param orderId the order it concerns, when known before processing
 */
record InboxEntry(
    long id,
    String source,
    String topic,
    String deliveryId,
    String businessKey,
    String orderId,
    String apiVersion,
    String payload,
    State state,
    String parkCode,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    String outcome,
    Instant receivedAt,
    Instant processedAt) {

  enum State {
    PENDING,
    PROCESSING,
    DONE,
    PARKED
  }

  /** An event to store: everything known before processing. */
  record New(
      String source,
      String topic,
      String deliveryId,
      String businessKey,
      String orderId,
      String apiVersion,
      String payload) {}

  /** The stored row, and whether an earlier delivery had already stored it. */
  record Stored(InboxEntry entry, boolean duplicate) {}
}
