package dev.journeys.notify;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Health of the ways out: the SMTP server and the SMS provider. Each is checked only when one is
 * configured; the sandbox is always UP (with mode=sandbox) since nothing outside can fail it.
 * Neither check sends a message or credentials.
 */
@Configuration(proxyBeanMethods = false)
class NotifyHealth {

  /** Connects, which greets the server with EHLO, then sends NOOP, and hangs up. */
  @Bean
  HealthIndicator smtpHealthIndicator(ObjectProvider<JavaMailSender> sender, ObjectProvider<MailProperties> mail) {
    return () -> {
      if (!(sender.getIfAvailable() instanceof JavaMailSenderImpl smtp)) {
        return Health.up().withDetail("mode", "sandbox").build();
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
    };
  }

  /**
   * Whether the provider's API root answers HTTP at all (no credentials are sent): any answer below
   * 500 means it is reachable; a 5xx, a refused connection or a timeout means SMS would fail now.
   */
  @Bean
  HealthIndicator smsHealthIndicator(SmsProperties properties) {
    Duration timeout = properties.timeout().compareTo(Duration.ofSeconds(5)) > 0
        ? Duration.ofSeconds(5) : properties.timeout();
    return () -> {
      if (properties.sandbox()) {
        return Health.up().withDetail("mode", "sandbox").build();
      }
      HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
      try {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.baseUrl())).timeout(timeout).GET().build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        Health.Builder health = status < 500 ? Health.up() : Health.down();
        return health.withDetail("mode", "provider").withDetail("baseUrl", properties.baseUrl())
            .withDetail("status", status).build();
      } catch (IOException | IllegalArgumentException e) {
        return Health.down().withDetail("mode", "provider").withDetail("baseUrl", properties.baseUrl())
            .withDetail("error", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()))
            .build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Health.unknown().withDetail("error", "interrupted").build();
      } finally {
        http.close();
      }
    };
  }
}
