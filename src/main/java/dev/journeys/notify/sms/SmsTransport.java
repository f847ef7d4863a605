package dev.journeys.notify.sms;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Where SMS go: the provider's API, or the sandbox table. */
interface SmsTransport {

  /**
   * @throws Unavailable when the provider cannot take it now (429, 5xx, network): retry later
   * @throws Refused when the provider refused this message for good (other 4xx): do not retry
   */
  Accepted send(OutgoingSms sms);

  /**
   * Asks the provider whether it took this SMS after all, in an attempt whose answer we never got
   * ({@link Unavailable#unsure()}). The sandbox never leaves one unsure and has nothing to ask.
   *
   * @param since when the first such attempt started
   * @param ours whether a provider id belongs to a message we have recorded already (such a
   *     message is not this one, even with the same text)
   * @return the provider's record of it, or empty when it has none (or cannot say)
   * @throws Unavailable when the provider cannot answer now: ask again later, do not send
   */
  default Optional<Accepted> find(OutgoingSms sms, Instant since, Predicate<String> ours) {
    return Optional.empty();
  }

  /**
   * The provider took the message.
   *
   * @param providerId its id for status callbacks (Twilio's MessageSid); null when it gave none
   * @param status its first delivery status (queued, sent, ...); null when it gave none
   */
  record Accepted(String providerId, String status) {}

  /**
   * The provider is overloaded or down, or did not answer in time; retryAfter is its Retry-After,
   * or null. Unsure when the request may have reached it (no answer within the timeout, a broken
   * connection after sending, a 5xx other than 503): then it may have taken the message.
   */
  final class Unavailable extends RuntimeException {

    private final transient Duration retryAfter;
    private final boolean unsure;

    Unavailable(String message, Duration retryAfter) {
      this(message, retryAfter, false);
    }

    Unavailable(String message, Duration retryAfter, boolean unsure) {
      super(message);
      this.retryAfter = retryAfter;
      this.unsure = unsure;
    }

    Duration retryAfter() {
      return retryAfter;
    }

    boolean unsure() {
      return unsure;
    }
  }

  /** A permanent refusal, with the provider's error code (e.g. Twilio's 21211). */
  final class Refused extends RuntimeException {

    Refused(String message) {
      super(message);
    }
  }
}
