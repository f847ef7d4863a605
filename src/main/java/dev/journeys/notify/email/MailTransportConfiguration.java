package dev.journeys.notify.email;

import dev.journeys.notify.ChannelSupport;
import java.time.Clock;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Picks the mail transport. Spring Boot creates a JavaMailSender exactly when spring.mail.host is
 * set; without one (or with journeys.notify.sandbox-only), mail goes to the sandbox, so a fresh
 * checkout works with no SMTP server.
 */
@Configuration(proxyBeanMethods = false)
class MailTransportConfiguration {

  private static final Logger log = LoggerFactory.getLogger(MailTransportConfiguration.class);

  @Bean
  MailTransport mailTransport(
      ObjectProvider<JavaMailSender> sender,
      ObjectProvider<MailProperties> mail,
      SandboxMailbox sandbox,
      SmtpPoolProperties pool,
      Clock clock,
      @Value("${" + ChannelSupport.SANDBOX_ONLY + ":false}") boolean sandboxOnly) {
    JavaMailSender smtp = sandboxOnly ? null : sender.getIfAvailable();
    MailTransport transport;
    if (smtp == null) {
      transport = new SandboxTransport(sandbox);
    } else if (smtp instanceof JavaMailSenderImpl impl) {
      withTimeouts(impl);
      MailProperties properties = mail.getIfAvailable(MailProperties::new);
      Integer port = properties.getPort();
      transport =
          new SmtpTransport(impl, properties.getHost() + ":" + (port == null ? 25 : port),
              pool.connections(), pool.checkAfter(), pool.maxIdle(), clock);
    } else {
      throw new IllegalStateException(
          "Expected Spring Boot's JavaMailSenderImpl for spring.mail.host, but found "
              + smtp.getClass().getName());
    }
    log.info("Email goes to {}", transport.describe());
    return transport;
  }

  /**
   * JavaMail waits forever by default: a hung SMTP server would hold the worker until the job
   * times out. Bounded waits make it fail and retry instead. spring.mail.properties.* still wins.
   */
  private static void withTimeouts(JavaMailSenderImpl sender) {
    Properties properties = sender.getJavaMailProperties();
    for (String protocol : new String[] {"smtp", "smtps"}) {
      properties.putIfAbsent("mail." + protocol + ".connectiontimeout", "10000");
      properties.putIfAbsent("mail." + protocol + ".timeout", "30000");
      properties.putIfAbsent("mail." + protocol + ".writetimeout", "30000");
    }
  }
}
