package dev.journeys.notify;

import dev.journeys.storage.RetentionPurge;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The records of messages decided long ago (journeys.retention.keep.message-records): outbox rows
 * that reached their end (sent, skipped, rejected; never one held or being sent), the decisions
 * behind them, the news told, and provider status events. By default kept 13 months, so the
 * one-year thank-you and year-on-year results still find them.
 */
@Component
class MessageRecordsPurge implements RetentionPurge {

  /** Each table with the statement that deletes a batch of its expired rows. */
  private static final List<String> DELETES = List.of(
      """
      DELETE FROM outbox WHERE (element_instance_key, channel) IN (
        SELECT element_instance_key, channel FROM outbox
        WHERE status IN ('SENT', 'SKIPPED', 'REJECTED') AND created_at < ? FETCH FIRST ? ROWS ONLY)""",
      """
      DELETE FROM outbox_decision WHERE id IN (
        SELECT id FROM outbox_decision WHERE decided_at < ? ORDER BY id FETCH FIRST ? ROWS ONLY)""",
      """
      DELETE FROM outbox_news WHERE (order_id, news_key) IN (
        SELECT order_id, news_key FROM outbox_news WHERE created_at < ? FETCH FIRST ? ROWS ONLY)""",
      """
      DELETE FROM message_event WHERE (element_instance_key, channel, kind) IN (
        SELECT element_instance_key, channel, kind FROM message_event WHERE happened_at < ? FETCH FIRST ? ROWS ONLY)""",
      """
      DELETE FROM sms_event WHERE id IN (
        SELECT id FROM sms_event WHERE received_at < ? ORDER BY id FETCH FIRST ? ROWS ONLY)""");

  private final JdbcClient jdbc;

  MessageRecordsPurge(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return "message-records";
  }

  @Override
  public int purgeBefore(Instant cutoff, int limit) {
    OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
    int deleted = 0;
    for (String delete : DELETES) {
      if (deleted == limit) {
        break;
      }
      deleted += jdbc.sql(delete).params(before, limit - deleted).update();
    }
    return deleted;
  }
}
