package dev.journeys.notify.email;

import jakarta.mail.internet.MimeMessage;

/** Where rendered email goes: an SMTP server, or the sandbox when none is configured. */
interface MailTransport {

  /** Sends or throws; a throw means the message may not have been delivered. */
  void send(OutgoingEmail email, MimeMessage mime);

  /** For the start-up log line: which transport is live. */
  String describe();
}
