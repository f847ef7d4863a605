package dev.journeys.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What notify decided for every message, with what the sandboxes caught of the ones sent: for the
 * journey simulator, which runs with sandbox channels only. Outside a sandbox the content columns
 * are null (a real SMTP server or SMS provider keeps it).
 */
@Service
public class SandboxedMessages {

  /**
   * One message on one channel.
   *
   * @param status SENT, HELD, SKIPPED, REJECTED, PENDING or SENDING
   * @param reason why it was skipped, held or rejected (no-consent, quiet-hours, ...)
   * @param decidedAt when the step asked for it (the outbox row's creation)
   * @param heldUntil when quiet hours end(ed), if it was held
   * @param sentAt when it went out, if it did
   */
  public record Message(String template, String channel, String status, String reason, String orderId,
      String customerId, Instant decidedAt, Instant heldUntil, Instant sentAt, String messageId,
      String subject, String text, String html, String smsBody) {}

  private final JdbcClient jdbc;
  private final HeldMessages held;

  SandboxedMessages(JdbcClient jdbc, HeldMessages held) {
    this.jdbc = jdbc;
    this.held = held;
  }

  /** Every message, in the order the journeys asked for them. */
  public List<Message> all() {
    return jdbc.sql("""
            SELECT o.template, o.channel, o.status, o.reason, o.order_id, o.customer_id, o.created_at,
                   o.held_until, o.sent_at, o.message_id, m.subject, m.text_body, m.html_body, s.body
            FROM outbox o
            LEFT JOIN sandbox_message m ON m.message_id = o.message_id
            LEFT JOIN sandbox_sms s ON s.message_id = o.message_id
            ORDER BY o.created_at, o.element_instance_key, o.channel""")
        .query((rs, n) -> new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), instant(rs.getObject(7, OffsetDateTime.class)),
            instant(rs.getObject(8, OffsetDateTime.class)), instant(rs.getObject(9, OffsetDateTime.class)),
            rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13), rs.getString(14)))
        .list();
  }

  /** When the next held message falls due; empty when none is held. */
  public Optional<Instant> nextHeldUntil() {
    return jdbc.sql("SELECT MIN(held_until) FROM outbox WHERE status = 'HELD'")
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class)).list().stream()
        .filter(java.util.Objects::nonNull).findFirst().map(OffsetDateTime::toInstant);
  }

  /** Sends the held messages that are due now, as the scheduler does every held-poll-interval. */
  public void sendDueHeld() {
    held.sendDue();
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }
}
