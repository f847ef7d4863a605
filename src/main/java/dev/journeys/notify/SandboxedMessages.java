package dev.journeys.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What notify decided for every message, with what the sandboxes caught of the ones sent: for the
 * journey simulator, which runs with sandbox channels only. Each channel of the registry says what
 * its sandbox caught ({@link MessageChannel#sandboxCopy}); outside a sandbox the content is null (a
 * real SMTP server or provider keeps it).
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
   * @param subject an email's subject or a push notification's title, as the sandbox caught it
   * @param text what the customer reads: an email's plain text, an SMS body, a push body, a
   *     WhatsApp template's variables
   * @param html an email's HTML part
   */
  public record Message(String template, String channel, String status, String reason, String orderId,
      String customerId, Instant decidedAt, Instant heldUntil, Instant sentAt, String messageId,
      String subject, String text, String html) {

    Message with(MessageChannel.SandboxCopy copy) {
      return new Message(template, channel, status, reason, orderId, customerId, decidedAt, heldUntil, sentAt,
          messageId, copy.subject(), copy.text(), copy.html());
    }
  }

  private final JdbcClient jdbc;
  private final HeldMessages held;
  private final Channels channels;

  SandboxedMessages(JdbcClient jdbc, HeldMessages held, Channels channels) {
    this.jdbc = jdbc;
    this.held = held;
    this.channels = channels;
  }

  /** Every message, in the order the journeys asked for them. */
  public List<Message> all() {
    List<Message> decided = jdbc.sql("""
            SELECT template, channel, status, reason, order_id, customer_id, created_at, held_until, sent_at,
                   message_id
            FROM outbox
            ORDER BY created_at, element_instance_key, channel""")
        .query((rs, n) -> new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), instant(rs.getObject(7, OffsetDateTime.class)),
            instant(rs.getObject(8, OffsetDateTime.class)), instant(rs.getObject(9, OffsetDateTime.class)),
            rs.getString(10), null, null, null))
        .list();
    return decided.stream().map(this::withCopy).toList();
  }

  /** Only a sent message has a copy in its channel's sandbox. */
  private Message withCopy(Message message) {
    if (!"SENT".equals(message.status())) {
      return message;
    }
    return channels.find(Channel.fromKey(message.channel()))
        .flatMap(channel -> channel.sandboxCopy(message.messageId()))
        .map(message::with)
        .orElse(message);
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
