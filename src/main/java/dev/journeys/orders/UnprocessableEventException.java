package dev.journeys.orders;

/**
 * An authentic event that cannot be processed as it is: it is parked with this reason, visible at
 * GET /api/inbox?state=parked, instead of being retried or dropped.
 */
class UnprocessableEventException extends RuntimeException {

  enum Code {
    /** The order is not known (yet): the event is retried when the order arrives. */
    UNKNOWN_ORDER,
    /** No handler for the topic. */
    UNKNOWN_TOPIC,
    /** The body lacks what processing needs. */
    INVALID,
    /** Retries ran out on an unexpected failure. */
    FAILED
  }

  private final Code code;
  private final String orderId;

  UnprocessableEventException(Code code, String orderId, String message) {
    super(message);
    this.code = code;
    this.orderId = orderId;
  }

  static UnprocessableEventException unknownOrder(String orderId) {
    return new UnprocessableEventException(
        Code.UNKNOWN_ORDER,
        orderId,
        "Expected order %s to exist, but it was not found; the event is retried when the order arrives"
            .formatted(orderId));
  }

  static UnprocessableEventException invalid(String message) {
    return new UnprocessableEventException(Code.INVALID, null, message);
  }

  Code code() {
    return code;
  }

  String orderId() {
    return orderId;
  }
}
