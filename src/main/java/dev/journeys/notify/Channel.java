package dev.journeys.notify;

import java.util.Arrays;
import java.util.Locale;

/** The ways a message can reach a customer; the BPMN names them in the channels header. */
enum Channel {
  EMAIL,
  SMS,
  PUSH;

  /** Whether Journeys can deliver on this channel; every channel can now. */
  boolean available() {
    return true;
  }

  /** The name used in BPMN headers, outbox rows and Message-IDs. */
  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** A channel from a key this app wrote itself (a signed link): no header error message. */
  static Channel fromKey(String key) {
    return valueOf(key.toUpperCase(Locale.ROOT));
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
