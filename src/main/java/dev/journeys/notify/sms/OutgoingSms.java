package dev.journeys.notify.sms;

import dev.journeys.notify.PhoneNumbers;
/**
 * One rendered SMS, ready for a transport.
 *
 * @param messageId the outbox's deterministic id, so the sandbox (and logs) can tell duplicates
 * @param to E.164
 */
record OutgoingSms(String messageId, String to, String body, String locale, SmsSegments.Count count) {

  @Override
  public String toString() {
    return "OutgoingSms[messageId=%s, to=%s, locale=%s, %s]"
        .formatted(messageId, PhoneNumbers.mask(to), locale, count.describe());
  }
}
