package dev.journeys.notify;

/**
 * Sends a test of a channel's own text (an SMS) through that channel's real transport (the
 * provider, or its sandbox when none is configured), outside the outbox: never a customer message,
 * never counted as one. Implemented by the channels that send a template part of their own
 * (notify.sms for {@code .sms.txt}).
 */
public interface TestTexts {

  /** The prefix every test text carries. */
  String PREFIX = "[TEST] ";

  /** The template part this channel sends, e.g. ".sms.txt". */
  String suffix();

  /**
   * Sends the text (prefixed already) to this number.
   *
   * @param to a mobile number in E.164
   * @throws IllegalStateException when the provider does not take it (the message says why)
   */
  void send(String to, String locale, String text);
}
