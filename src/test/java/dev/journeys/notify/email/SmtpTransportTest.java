package dev.journeys.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.notify.MutableClock;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** Connections to the SMTP server are reused between messages, and never after they broke. */
class SmtpTransportTest {

  private final SmtpStub server = new SmtpStub(address -> address.startsWith("gone-"));
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final SmtpTransport transport = transport(2);

  @AfterEach
  void stop() throws Exception {
    transport.close();
    server.close();
  }

  @Test
  void messagesInARowShareOneConnection() throws Exception {
    for (int i = 0; i < 3; i++) {
      transport.send(null, message("ada" + i + "@example.com"));
    }

    assertThat(server.recipientsAccepted())
        .containsExactly("ada0@example.com", "ada1@example.com", "ada2@example.com");
    assertThat(server.connections()).isEqualTo(1);
    assertThat(transport.idleConnections()).isEqualTo(1);
  }

  @Test
  void aConnectionTheServerDroppedWhileIdleIsReplacedBeforeUse() throws Exception {
    transport.send(null, message("ada@example.com"));
    server.dropConnections();
    clock.advance(Duration.ofSeconds(3)); // past checkAfter: NOOP finds it dead

    transport.send(null, message("grace@example.com"));

    assertThat(server.recipientsAccepted()).containsExactly("ada@example.com", "grace@example.com");
    assertThat(server.connections()).isEqualTo(2);
  }

  @Test
  void aConnectionIdleForTooLongIsClosedNotReused() throws Exception {
    transport.send(null, message("ada@example.com"));
    clock.advance(Duration.ofMinutes(2)); // past maxIdle

    transport.send(null, message("grace@example.com"));

    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.quits()).isEqualTo(1);
  }

  @Test
  void aFailedSendClosesItsConnectionAndKeepsTheServersReply() throws Exception {
    transport.send(null, message("ada@example.com"));

    assertThatThrownBy(() -> transport.send(null, message("gone-bob@example.com")))
        .isInstanceOf(MailSendException.class)
        .satisfies(e -> assertThat(SmtpRejection.permanentRecipientRejection(e)).isPresent());
    assertThat(transport.idleConnections()).isZero();

    transport.send(null, message("grace@example.com"));
    assertThat(server.connections()).isEqualTo(2);
    assertThat(server.recipientsAccepted()).containsExactly("ada@example.com", "grace@example.com");
  }

  @Test
  void idleConnectionsBeyondThePoolSizeAreClosedAndCloseEndsTheRest() throws Exception {
    SmtpTransport one = transport(1);
    try {
      // Two senders at once need two connections; only one is kept afterwards.
      Thread other = Thread.ofVirtual().start(() -> one.send(null, message("x@example.com")));
      one.send(null, message("y@example.com"));
      other.join();
      assertThat(one.idleConnections()).isLessThanOrEqualTo(1);
    } finally {
      one.close();
    }
    assertThat(one.idleConnections()).isZero();
    assertThat(server.quits()).isEqualTo(server.connections());
  }

  @Test
  void anUnreachableServerIsAFailureNamingIt() throws Exception {
    int port = server.port();
    server.close();
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    SmtpTransport unreachable =
        new SmtpTransport(sender, "127.0.0.1:" + port, 2, Duration.ofSeconds(2), Duration.ofMinutes(1), clock);

    assertThatThrownBy(() -> unreachable.send(null, message("ada@example.com")))
        .isInstanceOf(MailSendException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  private SmtpTransport transport(int connections) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(server.port());
    return new SmtpTransport(
        sender, "127.0.0.1:" + server.port(), connections, Duration.ofSeconds(2), Duration.ofMinutes(1), clock);
  }

  private static MimeMessage message(String to) {
    try {
      MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
      message.setFrom(new InternetAddress("shop@example.com"));
      message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
      message.setSubject("Your order");
      message.setText("Thank you");
      message.saveChanges();
      return message;
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
