package dev.journeys.orders;

import java.time.Instant;

/**
 * One inbound event in the inbox table (V11__inbox.sql describes the columns).
 *
 * @param deliveryId the sender's id of this delivery, e.g. X-Shopify-Webhook-Id; may be null
 * @param businessKey what the event is about, from its body; unique
 * @param orderId the order it concerns, when known before processing
 * @param discardedBy who discarded it (a login or an API token's name), for a DISCARDED event
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
    Instant processedAt,
    String discardedBy,
    Instant discardedAt) {

  /** An event that was never discarded. */
  InboxEntry(long id, String source, String topic, String deliveryId, String businessKey, String orderId,
      String apiVersion, String payload, State state, String parkCode, int attempts, Instant nextAttemptAt,
      String lastError, String outcome, Instant receivedAt, Instant processedAt) {
    this(id, source, topic, deliveryId, businessKey, orderId, apiVersion, payload, state, parkCode, attempts,
        nextAttemptAt, lastError, outcome, receivedAt, processedAt, null, null);
  }

  enum State {
    PENDING,
    PROCESSING,
    DONE,
    PARKED,
    /** A parked event an operator gave up on: kept with who and when (discardedBy, discardedAt). */
    DISCARDED
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
