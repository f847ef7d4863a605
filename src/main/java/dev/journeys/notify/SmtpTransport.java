package dev.journeys.notify;

import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** Sends through Spring Mail to the server at spring.mail.host. */
class SmtpTransport implements MailTransport {

  private final JavaMailSender sender;
  private final String server;

  SmtpTransport(JavaMailSender sender, String server) {
    this.sender = sender;
    this.server = server;
  }

  @Override
  public void send(OutgoingEmail email, MimeMessage mime) {
    sender.send(mime);
  }

  @Override
  public String describe() {
    return "SMTP at " + server;
  }
}
