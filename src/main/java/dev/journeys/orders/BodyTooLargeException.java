package dev.journeys.orders;

import java.io.IOException;

/** A request body grew past the limit while it was being read (no Content-Length announced it). */
class BodyTooLargeException extends IOException {

  BodyTooLargeException(long limit) {
    super("Expected a request body of at most %d bytes, but it is larger".formatted(limit));
  }
}
