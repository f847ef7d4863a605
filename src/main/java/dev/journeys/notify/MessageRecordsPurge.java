package dev.journeys.notify;

import dev.journeys.storage.RetentionPurge;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The records of messages decided long ago (journeys.retention.keep.message-records): outbox rows
 * that reached their end (sent, skipped, rejected; never one held or being sent), the decisions
 * behind them, the news told, and provider status events. By default kept 13 months, so the
 * one-year thank-you and year-on-year results still find them.
 *
 * <p>Each batch first reads the keys of expired rows through the table's time index, then deletes
 * those rows by primary key. A single {@code DELETE ... WHERE (a, b) IN (SELECT ...)} made H2 scan
 * the whole table once per batch (it cannot look a row value up in an index), which on a large
 * outbox meant seconds per batch, and batches over a growing table.
 */
@Component
class MessageRecordsPurge implements RetentionPurge {

  /**
   * One table: the first column of its primary key, and the condition that makes a row expired (one
   * parameter, the cutoff). The condition is checked again when deleting, so a row that changed in
   * between stays.
   */
  private record Table(String name, String key, String expired, String order) {

    String select() {
      return "SELECT %s FROM %s WHERE %s%s FETCH FIRST ? ROWS ONLY"
          .formatted(key, name, expired, order.isEmpty() ? "" : " ORDER BY " + order);
    }

    /**
     * The expired rows whose key starts with one of {@code keys} values (an index lookup on the
     * primary key's first column): the rows read, and any other expired row sharing that first
     * column, which is as expired as they are.
     */
    String delete(int keys) {
      return "DELETE FROM %s WHERE %s IN (%s) AND %s"
          .formatted(name, key, String.join(", ", Collections.nCopies(keys, "?")), expired);
    }
  }

  private static final List<Table> TABLES = List.of(
      new Table("outbox", "element_instance_key", "status IN ('SENT', 'SKIPPED', 'REJECTED') AND created_at < ?", ""),
      new Table("outbox_decision", "id", "decided_at < ?", "id"),
      new Table("outbox_news", "order_id", "created_at < ?", ""),
      new Table("message_event", "element_instance_key", "happened_at < ?", ""),
      new Table("sms_event", "id", "received_at < ?", "id"));

  /** Keeps a statement's parameters far below PostgreSQL's limit (32,767) whatever the batch size. */
  private static final int KEYS_PER_DELETE = 1_000;

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
    for (Table table : TABLES) {
      if (deleted >= limit) {
        break;
      }
      deleted += purge(table, before, limit - deleted);
    }
    return deleted;
  }

  /** Deletes about {@code limit} expired rows (a few more when rows share a key's first column). */
  private int purge(Table table, OffsetDateTime before, int limit) {
    List<Object> keys = jdbc.sql(table.select()).params(before, limit).query((rs, n) -> rs.getObject(1))
        .list().stream().distinct().toList();
    int deleted = 0;
    for (int from = 0; from < keys.size(); from += KEYS_PER_DELETE) {
      List<Object> params = new ArrayList<>(keys.subList(from, Math.min(keys.size(), from + KEYS_PER_DELETE)));
      int count = params.size();
      params.add(before);
      deleted += jdbc.sql(table.delete(count)).params(params).update();
    }
    return deleted;
  }
}
