package dev.journeys.notify.sms;

import dev.journeys.notify.MessageChannel;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps every SMS in table sandbox_sms instead of sending it, so development costs nothing. */
class SandboxSmsTransport implements SmsTransport {

  /** What the sandbox caught, for GET /api/sandbox/sms. */
  record SandboxSms(String messageId, String to, String sender, String body, int segments, OffsetDateTime sentAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String sender;

  SandboxSmsTransport(JdbcClient jdbc, Clock clock, String sender) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.sender = sender;
  }

  @Override
  public Accepted send(OutgoingSms sms) {
    try {
      jdbc.sql("""
              INSERT INTO sandbox_sms (message_id, recipient, sender, body, segments, sent_at)
              VALUES (?, ?, ?, ?, ?, ?)""")
          .params(sms.messageId(), sms.to(), sender, sms.body(), sms.count().segments(),
              OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException alreadyCaught) {
      // A resend after a crash between send and markSent: the sandbox, like a phone, shows it once.
    }
    // No provider reports on it later: what the sandbox caught counts as delivered.
    return new Accepted(null, "delivered");
  }

  static List<SandboxSms> latest(JdbcClient jdbc, int limit) {
    return jdbc.sql("""
            SELECT message_id, recipient, sender, body, segments, sent_at FROM sandbox_sms
            ORDER BY id DESC LIMIT ?""")
        .param(limit)
        .query((rs, n) -> new SandboxSms(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getInt(5), rs.getObject(6, OffsetDateTime.class)))
        .list();
  }

  /** The body of the caught copy of one message. */
  static Optional<String> body(JdbcClient jdbc, String messageId) {
    return jdbc.sql("SELECT body FROM sandbox_sms WHERE message_id = ?").param(messageId).query(String.class).optional();
  }

  /** Deletes the caught copies of these messages (erasure). */
  static int erase(JdbcClient jdbc, MessageChannel.OutboxRows messages) {
    return jdbc.sql("DELETE FROM sandbox_sms WHERE message_id IN (" + messages.messageIds() + ")")
        .params(messages.params()).update();
  }
}
