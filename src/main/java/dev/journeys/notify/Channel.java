package dev.journeys.notify;

import java.util.Arrays;
import java.util.Locale;

/** The ways a message can reach a customer; the BPMN names them in the channels header. */
enum Channel {
  EMAIL;

  /** The name used in BPMN headers, outbox rows and Message-IDs. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Channel fromHeader(String value) {
    return Arrays.stream(values())
        .filter(c -> c.key().equals(value.trim().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                SendFailure.permanent(
                    "Expected channels to name only %s, but got '%s'"
                        .formatted(Arrays.stream(values()).map(Channel::key).toList(), value)));
  }
}
