package dev.journeys.engine.state;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Buffered messages and which processes each has correlated to. */
public final class MessageStore {

  private static final String COLUMNS = "message_key, message_name, correlation_key, message_id, variables, expires_at";

  private final Sql sql;

  MessageStore(Sql sql) {
    this.sql = sql;
  }

  public void insert(MessageRecord message, String tenantId, long now) {
    sql.write("INSERT INTO engine_message (" + COLUMNS + ", tenant_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        message.key(), message.name(), message.correlationKey(), message.messageId(), message.variables(),
        message.expiresAt(), tenantId, now);
  }

  public boolean existsWithId(String name, String correlationKey, String messageId, long now) {
    return sql.queryLong(
        "SELECT COUNT(*) FROM engine_message WHERE message_name = ? AND correlation_key = ? AND message_id = ? AND expires_at > ?",
        name, correlationKey, messageId, now) > 0;
  }

  /** The oldest live message with this name and key that has not yet correlated to the process. */
  public Optional<MessageRecord> oldestFor(String name, String correlationKey, String bpmnProcessId, long now) {
    return sql.queryOne("SELECT " + COLUMNS + " FROM engine_message m WHERE message_name = ? AND correlation_key = ? "
            + "AND expires_at > ? AND NOT EXISTS (SELECT 1 FROM engine_message_correlation c "
            + "WHERE c.message_key = m.message_key AND c.bpmn_process_id = ?) ORDER BY message_key LIMIT 1",
        MessageStore::map, name, correlationKey, now, bpmnProcessId);
  }

  /** Live messages with this name, oldest first, for message start events. */
  public List<MessageRecord> liveByName(String name, long now, int max) {
    return sql.query("SELECT " + COLUMNS + " FROM engine_message WHERE message_name = ? AND expires_at > ? "
        + "ORDER BY message_key LIMIT ?", MessageStore::map, name, now, max);
  }

  public boolean correlated(long messageKey, String bpmnProcessId) {
    return sql.queryLong("SELECT COUNT(*) FROM engine_message_correlation WHERE message_key = ? AND bpmn_process_id = ?",
        messageKey, bpmnProcessId) > 0;
  }

  public void markCorrelated(long messageKey, String bpmnProcessId) {
    sql.write("INSERT INTO engine_message_correlation (message_key, bpmn_process_id) VALUES (?, ?)",
        messageKey, bpmnProcessId);
  }

  public List<MessageRecord> expired(long now, int max) {
    return sql.query("SELECT " + COLUMNS + " FROM engine_message WHERE expires_at <= ? ORDER BY expires_at LIMIT ?",
        MessageStore::map, now, max);
  }

  public void delete(long messageKey) {
    sql.write("DELETE FROM engine_message_correlation WHERE message_key = ?", messageKey);
    sql.write("DELETE FROM engine_message WHERE message_key = ?", messageKey);
  }

  public Long nextExpiry() {
    return sql.queryOne("SELECT MIN(expires_at) FROM engine_message", rs -> {
      long value = rs.getLong(1);
      return rs.wasNull() ? null : value;
    }).orElse(null);
  }

  private static MessageRecord map(ResultSet rs) throws SQLException {
    return new MessageRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6));
  }
}
