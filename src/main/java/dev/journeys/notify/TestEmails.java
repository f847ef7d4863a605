package dev.journeys.notify;

/**
 * Sends a test email through the email channel's real transport (SMTP, or the sandbox mailbox when
 * none is configured), outside the outbox: never a customer message, never counted as one.
 * Implemented by notify.email.
 */
public interface TestEmails {

  /** The header every test email carries (value "true"), besides its subject prefix. */
  String HEADER = "X-Journeys-Test";

  /** The subject prefix every test email carries. */
  String SUBJECT_PREFIX = "[TEST] ";

  /** Sends the rendered message (its subject already prefixed) to this address. */
  void send(String to, RenderedMessage content);
}
