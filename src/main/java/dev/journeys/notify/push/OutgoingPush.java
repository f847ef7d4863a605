package dev.journeys.notify.push;

/**
 * One rendered push notification.
 *
 * @param messageId the outbox's deterministic id, sent as data so the app can drop duplicates
 * @param link what tapping it opens (sent as data): the order's tracking page, the carrier's when
 *     the shop sent one; null for messages without
 */
record OutgoingPush(String messageId, String title, String body, String locale, String link) {

  OutgoingPush(String messageId, String title, String body, String locale) {
    this(messageId, title, body, locale, null);
  }
}
