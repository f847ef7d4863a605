package dev.journeys.notify;

import java.time.Duration;

/**
 * Why a message was not sent, as the job's fail command needs it. The message becomes the job's
 * error message and a log line: callers mask any address in it.
 */
class SendFailure extends RuntimeException {

  enum Kind {
    /** A wrong header or a missing template: retrying cannot help, so raise an incident now. */
    PERMANENT,
    /** SMTP down, order not visible yet: retry after a backoff, using up one retry. */
    RETRYABLE,
    /**
     * Another worker holds the message: wait, without using up a retry, since the holder will
     * finish or its lease will pass.
     */
    BUSY
  }

  private final Kind kind;
  private final Duration backoff;

  private SendFailure(Kind kind, String message, Duration backoff) {
    super(message);
    this.kind = kind;
    this.backoff = backoff;
  }

  static SendFailure permanent(String message) {
    return new SendFailure(Kind.PERMANENT, message, Duration.ZERO);
  }

  static SendFailure retryable(String message, Duration backoff) {
    return new SendFailure(Kind.RETRYABLE, message, backoff);
  }

  static SendFailure busy(String message, Duration backoff) {
    return new SendFailure(Kind.BUSY, message, backoff);
  }

  /** The retries the job keeps after this failure, given those it had. */
  int retriesAfter(int retries) {
    return switch (kind) {
      case PERMANENT -> 0;
      case RETRYABLE -> Math.max(retries - 1, 0);
      case BUSY -> retries;
    };
  }

  /** Retrying cannot help (a template or header problem). */
  boolean permanent() {
    return kind == Kind.PERMANENT;
  }

  Duration backoff() {
    return backoff;
  }
}
