package dev.journeys.notify;

import java.time.Duration;

/** Where SMS go: the provider's API, or the sandbox table. */
interface SmsTransport {

  /**
   * @throws Unavailable when the provider cannot take it now (429, 5xx, network): retry later
   * @throws Refused when the provider refused this message for good (other 4xx): do not retry
   */
  Accepted send(OutgoingSms sms);

  /**
   * The provider took the message.
   *
   * @param providerId its id for status callbacks (Twilio's MessageSid); null when it gave none
   * @param status its first delivery status (queued, sent, ...); null when it gave none
   */
  record Accepted(String providerId, String status) {}

  /** The provider is overloaded or down; retryAfter is its Retry-After, or null. */
  final class Unavailable extends RuntimeException {

    private final transient Duration retryAfter;

    Unavailable(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
      return retryAfter;
    }
  }

  /** A permanent refusal, with the provider's error code (e.g. Twilio's 21211). */
  final class Refused extends RuntimeException {

    Refused(String message) {
      super(message);
    }
  }
}
