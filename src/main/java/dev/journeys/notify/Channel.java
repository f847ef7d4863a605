package dev.journeys.notify;

import java.util.Locale;

/**
 * The name of a channel, as the BPMN channels header, outbox rows and Message-IDs write it. Which
 * channels exist is not known here: each is a {@link MessageChannel} bean, and {@link Channels}
 * knows them all. Shared code names one channel only: email, the fallback of transactional news.
 */
public record Channel(String key) {

  public static final Channel EMAIL = new Channel("email");

  public Channel {
    if (key == null || !key.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException("Expected a channel key of lower-case letters, but got '" + key + "'");
    }
  }

  /** A channel from a key this app wrote itself (an outbox row, a signed link). */
  static Channel fromKey(String key) {
    return new Channel(key);
  }

  /** A channel named in a task's channels header; whether it exists is the registry's to say. */
  static Channel fromHeader(String value) {
    String key = value.trim().toLowerCase(Locale.ROOT);
    if (!key.matches("[a-z][a-z0-9-]*")) {
      throw SendFailure.permanent("Expected channels to name channels such as email or sms, but got '%s'"
          .formatted(value));
    }
    return new Channel(key);
  }

  @Override
  public String toString() {
    return key;
  }
}
