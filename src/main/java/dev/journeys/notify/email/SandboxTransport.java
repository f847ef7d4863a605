package dev.journeys.notify.email;

import jakarta.mail.internet.MimeMessage;

/** "Sends" into the sandbox mailbox, for machines without an SMTP server. */
class SandboxTransport implements MailTransport {

  private final SandboxMailbox mailbox;

  SandboxTransport(SandboxMailbox mailbox) {
    this.mailbox = mailbox;
  }

  @Override
  public void send(OutgoingEmail email, MimeMessage mime) {
    mailbox.store(email, mime);
  }

  @Override
  public String describe() {
    return "the sandbox (no spring.mail.host set, or journeys.notify.sandbox-only): see GET /api/sandbox/messages";
  }
}
