package dev.journeys.notify.push;

import java.time.Duration;

/** Where push notifications go: FCM, or the sandbox table. One call per device token. */
interface PushTransport {

  /**
   * @throws Unavailable when the service cannot take it now (429, 5xx, network, no access token)
   * @throws Unregistered when the token is no longer valid: remove it, do not retry
   * @throws Refused when the service refused this message for good (other 4xx)
   */
  void send(OutgoingPush push, String deviceToken);

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

  final class Unregistered extends RuntimeException {

    Unregistered(String message) {
      super(message);
    }
  }

  final class Refused extends RuntimeException {

    Refused(String message) {
      super(message);
    }
  }
}
