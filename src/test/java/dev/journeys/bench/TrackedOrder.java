package dev.journeys.bench;

/**
 * One benchmark order and what happened to it; times are System.nanoTime() values, 0 = not yet.
 * Written by the sender, the HTTP client's threads and the mail poller, read by the report.
 */
final class TrackedOrder {

  /** No answer yet. */
  static final int PENDING = 0;
  /** The request failed without an HTTP answer (connection error, timeout). */
  static final int FAILED = -1;

  final long number;
  final String orderId;
  final String email;
  volatile long sentAt;
  volatile long answeredAt;
  volatile int status = PENDING;
  volatile long arrivedAt;
  /** Messages found for the recipient when the first one was seen, plus any found after the drain. */
  volatile int messages;
  volatile boolean expectedSubject;

  TrackedOrder(long number, String orderId, String email) {
    this.number = number;
    this.orderId = orderId;
    this.email = email;
  }

  boolean accepted() {
    return status >= 200 && status < 300;
  }

  boolean arrived() {
    return arrivedAt != 0;
  }

  /** Webhook 2xx to confirmation accepted by SMTP; 0 when the mail was seen before the answer. */
  long latencyNanos() {
    return Math.max(0, arrivedAt - answeredAt);
  }
}
