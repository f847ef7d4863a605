package dev.journeys.notify.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.journeys.notify.ChannelSupport;
import dev.journeys.notify.MessageChannel;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Keeps every WhatsApp message in table sandbox_whatsapp instead of sending it. */
class SandboxWhatsAppTransport implements WhatsAppTransport {

  /** What the sandbox caught, for GET /api/sandbox/whatsapp. */
  record SandboxWhatsApp(String messageId, String to, String sender, String contentSid, String contentVariables,
      String locale, OffsetDateTime sentAt) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String sender;
  /** Reads stored variables back as a tree for the static sandbox reads (no settings involved). */
  private static final ObjectMapper TREES = new ObjectMapper();

  private final ObjectMapper json;

  SandboxWhatsAppTransport(JdbcClient jdbc, Clock clock, String sender, ObjectMapper json) {
    this.json = json;
    this.jdbc = jdbc;
    this.clock = clock;
    this.sender = sender;
  }

  @Override
  public ChannelSupport.Accepted send(OutgoingWhatsApp message) {
    try {
      jdbc.sql("""
              INSERT INTO sandbox_whatsapp (message_id, recipient, sender, content_sid, content_variables, locale, sent_at)
              VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(message.messageId(), message.to(), sender, message.contentSid(),
              json.writeValueAsString(message.variables()), message.locale(),
              OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException alreadyCaught) {
      // A resend after a crash between send and markSent: the sandbox shows it once.
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Expected content variables to be JSON, but: " + e.getMessage(), e);
    }
    // No provider reports on it later: what the sandbox caught counts as delivered.
    return new ChannelSupport.Accepted(null, "delivered");
  }

  static List<SandboxWhatsApp> latest(JdbcClient jdbc, int limit) {
    return jdbc.sql("""
            SELECT message_id, recipient, sender, content_sid, content_variables, locale, sent_at
            FROM sandbox_whatsapp ORDER BY id DESC LIMIT ?""")
        .param(limit)
        .query((rs, n) -> new SandboxWhatsApp(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
        .list();
  }

  /**
   * The caught copy of one message, as the customer's phone would show the approved template: its
   * content SID and locale, then each variable as {{n}} value.
   */
  static Optional<MessageChannel.SandboxCopy> copy(JdbcClient jdbc, String messageId) {
    return jdbc.sql("SELECT content_sid, content_variables, locale FROM sandbox_whatsapp WHERE message_id = ?")
        .param(messageId)
        .query((rs, n) -> new MessageChannel.SandboxCopy(null,
            "Content template " + rs.getString(1) + " (" + rs.getString(3) + ")" + variables(rs.getString(2)), null))
        .optional();
  }

  private static String variables(String variables) {
    StringBuilder lines = new StringBuilder();
    try {
      TREES.readTree(variables).properties()
          .forEach(v -> lines.append("\n{{").append(v.getKey()).append("}} ").append(v.getValue().asText()));
    } catch (JsonProcessingException notJson) {
      lines.append("\n").append(variables);
    }
    return lines.toString();
  }

  /** Deletes the caught copies of these messages (erasure). */
  static int erase(JdbcClient jdbc, MessageChannel.OutboxRows messages) {
    return jdbc.sql("DELETE FROM sandbox_whatsapp WHERE message_id IN (" + messages.messageIds() + ")")
        .params(messages.params()).update();
  }
}
