package dev.journeys.notify;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why a message is sent, from the task's purpose header. Marketing needs the customer's consent and
 * carries one-click unsubscribe; transactional messages are part of the order and need neither.
 */
public enum Purpose {
  TRANSACTIONAL,
  MARKETING;

  String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Purpose fromHeader(String value) {
    return Arrays.stream(values())
        .filter(p -> p.key().equals(value.trim().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                SendFailure.permanent(
                    "Expected header 'purpose' to be one of %s, but was '%s'"
                        .formatted(Arrays.stream(values()).map(Purpose::key).toList(), value)));
  }
}
