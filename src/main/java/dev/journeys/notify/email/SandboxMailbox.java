package dev.journeys.notify.email;

import dev.journeys.notify.MessageChannel;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The mail sandbox: with no SMTP host configured, email is stored here (the full MIME message and
 * its parts) and shown at GET /api/sandbox/messages instead of being sent.
 */
@Repository
class SandboxMailbox {

  /** One stored message, as the sandbox API shows it. */
  record SandboxMessage(
      long id, String messageId, String to, String subject, String text, String html, Instant sentAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;

  SandboxMailbox(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Stores a message as sent. */
  void store(OutgoingEmail email, MimeMessage mime) {
    try {
      jdbc.sql(
              """
              INSERT INTO sandbox_message (message_id, recipient, subject, text_body, html_body,
                                           mime, sent_at)
              VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(
              email.messageId(),
              email.to(),
              email.content().subject(),
              email.content().text(),
              email.content().html(),
              raw(mime),
              OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException resent) {
      // Same Message-ID: a resend after a crash. A mail system would drop it; so does the sandbox.
    }
  }

  /** The newest messages first. */
  List<SandboxMessage> latest(int limit) {
    return jdbc.sql(
            """
            SELECT id, message_id, recipient, subject, text_body, html_body, sent_at
            FROM sandbox_message ORDER BY id DESC FETCH FIRST ? ROWS ONLY""")
        .param(limit)
        .query(
            (rs, n) ->
                new SandboxMessage(
                    rs.getLong("id"),
                    rs.getString("message_id"),
                    rs.getString("recipient"),
                    rs.getString("subject"),
                    rs.getString("text_body"),
                    rs.getString("html_body"),
                    rs.getObject("sent_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  private static String raw(MimeMessage mime) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      mime.writeTo(out);
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException("Could not serialise the MIME message", e);
    }
  }

  /** The caught copy of one message: its subject, plain text and HTML. */
  Optional<MessageChannel.SandboxCopy> copy(String messageId) {
    return jdbc.sql("SELECT subject, text_body, html_body FROM sandbox_message WHERE message_id = ?")
        .param(messageId)
        .query((rs, n) -> new MessageChannel.SandboxCopy(rs.getString(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  /** Deletes the caught copies of these messages (erasure). */
  int erase(MessageChannel.OutboxRows messages) {
    return jdbc.sql("DELETE FROM sandbox_message WHERE message_id IN (" + messages.messageIds() + ")")
        .params(messages.params()).update();
  }
}
