package dev.journeys.notify.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Sends through Spring Mail's session to the server at spring.mail.host, keeping connections open
 * between messages. Opening one per message (what {@code JavaMailSender.send} does) costs a TCP
 * and SMTP handshake, and TLS where configured, for every email.
 *
 * <p>Each send borrows an idle connection or opens one; a connection that failed is closed, never
 * reused. A connection idle for longer than {@code checkAfter} is checked with NOOP before use, as
 * the server may have dropped it; one idle for longer than {@code maxIdle} is closed.
 */
class SmtpTransport implements MailTransport, AutoCloseable {

  private final JavaMailSenderImpl sender;
  private final String server;
  private final int poolSize;
  private final Duration checkAfter;
  private final Duration maxIdle;
  private final Clock clock;
  private final Deque<Idle> idle = new ArrayDeque<>();
  private boolean closed;

  private record Idle(Transport transport, Instant since) {}

  SmtpTransport(
      JavaMailSenderImpl sender,
      String server,
      int poolSize,
      Duration checkAfter,
      Duration maxIdle,
      Clock clock) {
    this.sender = sender;
    this.server = server;
    this.poolSize = poolSize;
    this.checkAfter = checkAfter;
    this.maxIdle = maxIdle;
    this.clock = clock;
  }

  @Override
  public void send(OutgoingEmail email, MimeMessage mime) {
    Transport transport = borrow();
    try {
      transport.sendMessage(mime, mime.getAllRecipients());
    } catch (MessagingException | RuntimeException e) {
      quietlyClose(transport);
      throw new MailSendException("Failed to send to " + server + ": " + e.getMessage(), e);
    }
    giveBack(transport);
  }

  private Transport borrow() {
    Instant now = clock.instant();
    while (true) {
      Idle candidate;
      synchronized (this) {
        candidate = idle.pollLast(); // the most recently used: the least likely to be stale
      }
      if (candidate == null) {
        return connect();
      }
      Duration unused = Duration.between(candidate.since(), now);
      if (unused.compareTo(maxIdle) > 0) {
        quietlyClose(candidate.transport());
      } else if (unused.compareTo(checkAfter) <= 0 || candidate.transport().isConnected()) {
        return candidate.transport(); // isConnected() sends NOOP on an SMTP transport
      } else {
        quietlyClose(candidate.transport());
      }
    }
  }

  private Transport connect() {
    try {
      Session session = sender.getSession();
      String protocol = sender.getProtocol();
      if (protocol == null) { // as Spring's JavaMailSenderImpl picks it
        protocol = session.getProperty("mail.transport.protocol");
      }
      Transport transport = session.getTransport(protocol == null ? "smtp" : protocol);
      transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
      return transport;
    } catch (MessagingException e) {
      throw new MailSendException("Failed to connect to " + server + ": " + e.getMessage(), e);
    }
  }

  private void giveBack(Transport transport) {
    Transport surplus = null;
    synchronized (this) {
      if (closed || idle.size() >= poolSize) {
        surplus = transport;
      } else {
        idle.addLast(new Idle(transport, clock.instant()));
      }
    }
    if (surplus != null) {
      quietlyClose(surplus);
    }
  }

  /** Closes the idle connections; one in use is closed when its send returns. */
  @Override
  public void close() {
    List<Idle> open;
    synchronized (this) {
      closed = true;
      open = new ArrayList<>(idle);
      idle.clear();
    }
    open.forEach(connection -> quietlyClose(connection.transport()));
  }

  synchronized int idleConnections() {
    return idle.size();
  }

  private static void quietlyClose(Transport transport) {
    try {
      transport.close();
    } catch (MessagingException | RuntimeException ignored) {
      // Already broken: nothing to release on our side.
    }
  }

  @Override
  public String describe() {
    return "SMTP at " + server + " (up to " + poolSize + " connections kept open)";
  }
}
