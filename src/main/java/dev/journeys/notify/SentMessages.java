package dev.journeys.notify;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What was sent, for the results pages: how many messages of one template went out in a period
 * (feedback requests), and when a template first went out for an order (a delay alert). Counts
 * only messages marked SENT (on any channel); held, skipped, rejected and failed ones are not.
 * Served by the outbox index on (template, sent_at, status) and the one on order_id.
 */
@Service
public class SentMessages {

  /** Delay alerts (bpmn/post-purchase.bpmn): the template whose first send says the customer heard first. */
  public static final String DELAY_ALERT = "delay-alert";
  /** The feedback request, with the rating links. */
  public static final String FEEDBACK_REQUEST = "feedback-request";

  private static final int CHUNK = 500;

  private final JdbcClient jdbc;

  /** Public for the tests of modules that read through it. */
  public SentMessages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Messages of the template sent from {@code from} (inclusive) until {@code to} (exclusive). */
  public long count(String template, Instant from, Instant to) {
    return jdbc.sql(
            "SELECT COUNT(*) FROM outbox WHERE template = ? AND sent_at >= ? AND sent_at < ? AND status = 'SENT'")
        .params(template, utc(from), utc(to))
        .query(Long.class)
        .single();
  }

  /** When the template was first sent about any order; empty when it never was. */
  public Optional<Instant> firstSent(String template) {
    return jdbc.sql("SELECT MIN(sent_at) FROM outbox WHERE template = ? AND status = 'SENT'")
        .param(template)
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
        .optional()
        .map(OffsetDateTime::toInstant);
  }

  /** When the template was first sent about the order; empty when it never was. */
  public Optional<Instant> firstSent(String template, String orderId) {
    return Optional.ofNullable(firstSent(template, List.of(orderId)).get(orderId));
  }

  /** When the template was first sent about each of these orders; orders without one are left out. */
  public Map<String, Instant> firstSent(String template, Collection<String> orderIds) {
    Map<String, Instant> first = new HashMap<>();
    List<String> ids = List.copyOf(orderIds);
    for (int start = 0; start < ids.size(); start += CHUNK) {
      List<String> chunk = ids.subList(start, Math.min(ids.size(), start + CHUNK));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.sql("SELECT order_id, MIN(sent_at) AS first_sent FROM outbox WHERE order_id IN (" + marks + ")"
              + " AND template = ? AND status = 'SENT' GROUP BY order_id")
          .params(args(chunk, template))
          .query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant()))
          .list()
          .forEach(e -> first.put(e.getKey(), e.getValue()));
    }
    return first;
  }

  private static List<Object> args(List<String> ids, String template) {
    List<Object> args = new java.util.ArrayList<>(ids);
    args.add(template);
    return args;
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
