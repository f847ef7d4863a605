package dev.journeys.notify;

/**
 * One rendered push notification.
 *
 * @param messageId the outbox's deterministic id, sent as data so the app can drop duplicates
 */
record OutgoingPush(String messageId, String title, String body, String locale) {}
