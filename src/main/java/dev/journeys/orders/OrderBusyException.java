package dev.journeys.orders;

import java.time.Duration;

/** A duplicate request waited in vain for the first request to start the order's journey. */
class OrderBusyException extends RuntimeException {

  OrderBusyException(String orderId, Duration waited) {
    super(
        "Expected order %s to be accepted by an earlier request within %s, but it is still in progress"
            .formatted(orderId, waited));
  }
}
