package dev.journeys.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The notify module's public read side for people (the ops dashboard): what was decided about each
 * message, and how many went out. No contact details: the outbox keeps none.
 */
@Service
public class MessageHistory {

  /** One message on one channel: SENT, HELD (until), SKIPPED or REJECTED (why), or still SENDING. */
  public record Decision(String template, String channel, String status, String reason, OffsetDateTime heldUntil,
      OffsetDateTime sentAt, int attempts, String lastError, String orderId, String customerId,
      OffsetDateTime createdAt) {}

  /** Messages of one channel since a moment, by status. */
  public record ChannelCount(String channel, long sent, long held, long skipped, long rejected, long pending) {
    public long total() {
      return sent + held + skipped + rejected + pending;
    }
  }

  private final JdbcClient jdbc;

  MessageHistory(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The decisions about these orders' messages and this customer's (either may be empty), oldest first. */
  public List<Decision> decisions(List<String> orderIds, String customerId, int limit) {
    List<String> where = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    if (!orderIds.isEmpty()) {
      where.add("order_id IN (" + String.join(",", orderIds.stream().map(id -> "?").toList()) + ")");
      params.addAll(orderIds);
    }
    if (customerId != null && !customerId.isBlank()) {
      where.add("customer_id = ?");
      params.add(customerId);
    }
    if (where.isEmpty()) {
      return List.of();
    }
    params.add(limit);
    return jdbc.sql("""
            SELECT template, channel, status, reason, held_until, sent_at, attempts, last_error,
                   order_id, customer_id, created_at
            FROM outbox WHERE %s ORDER BY created_at, element_instance_key, channel
            FETCH FIRST ? ROWS ONLY""".formatted(String.join(" OR ", where)))
        .params(params)
        .query((rs, n) -> new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getInt(7),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class)))
        .list();
  }

  /** Messages decided since {@code since}, per channel, by status. */
  public List<ChannelCount> countsSince(Instant since) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    jdbc.sql("SELECT channel, status, COUNT(*) FROM outbox WHERE created_at >= ? GROUP BY channel, status "
            + "ORDER BY channel")
        .param(since.atOffset(java.time.ZoneOffset.UTC))
        .query(rs -> {
          long[] row = counts.computeIfAbsent(rs.getString(1), c -> new long[5]);
          int slot = switch (rs.getString(2)) {
            case "SENT" -> 0;
            case "HELD" -> 1;
            case "SKIPPED" -> 2;
            case "REJECTED" -> 3;
            default -> 4;
          };
          row[slot] += rs.getLong(3);
        });
    return counts.entrySet().stream()
        .map(e -> new ChannelCount(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3],
            e.getValue()[4]))
        .toList();
  }
}
