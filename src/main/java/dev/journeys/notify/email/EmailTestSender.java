package dev.journeys.notify.email;

import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.EmailParts;
import dev.journeys.notify.RenderedMessage;
import dev.journeys.notify.TestEmails;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The studio's "send a test to me": the same envelope as a customer's email (From, Reply-To, MIME
 * parts) through the same transport, marked with the {@link TestEmails#HEADER} header, with its own
 * Message-ID and no outbox row.
 */
@Component
class EmailTestSender implements TestEmails {

  private final MailTransport mail;
  private final EmailParts parts;
  private final Clock clock;

  EmailTestSender(MailTransport mail, EmailParts parts, Clock clock) {
    this.mail = mail;
    this.parts = parts;
    this.clock = clock;
  }

  @Override
  public void send(String to, RenderedMessage content) {
    if (!OutgoingEmail.isWellFormedAddress(to)) {
      throw new IllegalArgumentException("Expected the test address to be one mailbox, but it is not");
    }
    OutgoingEmail email = new OutgoingEmail("<test-" + UUID.randomUUID() + "@journeys.test>",
        EmailComposer.from(parts.from(), parts.senderName()), parts.supportEmail(), to, null, content, null);
    MimeMessage mime = email.toMime(clock.instant());
    try {
      mime.setHeader(HEADER, "true");
      mime.saveChanges();
    } catch (MessagingException e) {
      throw ChannelSupport.permanentFailure("Expected to mark the test email, but " + e.getMessage());
    }
    mail.send(email, mime);
  }
}
