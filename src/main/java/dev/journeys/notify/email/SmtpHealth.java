package dev.journeys.notify.email;

import dev.journeys.notify.EmailMasking;
import dev.journeys.notify.ProviderHealth;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Health of the SMTP server, checked only when one is configured; the sandbox is always UP (with
 * mode=sandbox) since nothing outside can fail it. The check sends no message.
 */
@Component
class SmtpHealth {

  private final ObjectProvider<JavaMailSender> sender;
  private final ObjectProvider<MailProperties> mail;

  SmtpHealth(ObjectProvider<JavaMailSender> sender, ObjectProvider<MailProperties> mail) {
    this.sender = sender;
    this.mail = mail;
  }

  /** Connects, which greets the server with EHLO, then sends NOOP, and hangs up. */
  Health check() {
    if (!(sender.getIfAvailable() instanceof JavaMailSenderImpl smtp)) {
      return ProviderHealth.sandbox();
    }
    MailProperties properties = mail.getIfAvailable(MailProperties::new);
    String server = smtp.getHost() + ":" + (smtp.getPort() > 0 ? smtp.getPort() : 25);
    Session session = smtp.getSession();
    try (Transport transport = session.getTransport(smtp.getProtocol() == null ? "smtp" : smtp.getProtocol())) {
      transport.connect(smtp.getHost(), smtp.getPort(), smtp.getUsername(), smtp.getPassword());
      // isConnected() on an SMTP transport sends NOOP and reads the answer.
      if (!transport.isConnected()) {
        return Health.down().withDetail("mode", "smtp").withDetail("server", server)
            .withDetail("error", "the server did not answer NOOP").build();
      }
      return Health.up().withDetail("mode", "smtp").withDetail("server", server)
          .withDetail("username", properties.getUsername() == null ? "none" : "set").build();
    } catch (MessagingException e) {
      return Health.down().withDetail("mode", "smtp").withDetail("server", server)
          .withDetail("error", EmailMasking.maskAll(String.valueOf(e.getMessage()))).build();
    }
  }
}
