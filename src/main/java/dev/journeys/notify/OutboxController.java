package dev.journeys.notify;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every decision about an order's or a customer's messages: sent, held until, skipped because,
 * fell back from, rejected with the provider's error, delivery status. No contact details: the
 * outbox keeps none.
 */
@RestController
class OutboxController {

  /**
   * @param reason why it was skipped, held or rejected (no-sms-consent, quiet-hours, frequency-cap:
   *     ..., fallback-from sms (...)); null when it simply went out
   * @param heldUntil when quiet hours end(ed) for a held message; null when never held
   * @param lastError the last send failure, or the provider's refusal with its error code
   * @param purpose transactional or marketing; null for rows older than the column
   * @param deliveryStatus the provider's latest delivery status (queued, sent, delivered, undelivered,
   *     failed), moved forward only by status callbacks; null when none came
   * @param deliveryError the provider's error code for undelivered or failed messages
   * @param providerMessageId the provider's id for the message (Twilio's MessageSid)
   * @param decisions the message's history, oldest first
   */
  record Decision(String template, String channel, String status, String reason, OffsetDateTime heldUntil,
      OffsetDateTime sentAt, int attempts, String lastError, String messageId, String orderId,
      String customerId, OffsetDateTime createdAt, String purpose, String deliveryStatus,
      String deliveryError, String providerMessageId, List<Step> decisions) {}

  /** One decision: held, skipped, fallback, retry, rejected, failed, sent, delivery. */
  record Step(String decision, String detail, OffsetDateTime at) {}

  private record Key(long elementInstanceKey, String channel) {}

  private final JdbcClient jdbc;

  OutboxController(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @GetMapping("/api/outbox")
  List<Decision> decisions(
      @RequestParam(required = false) String orderId, @RequestParam(required = false) String customerId) {
    if ((orderId == null) == (customerId == null)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Expected exactly one of orderId or customerId");
    }
    String column = orderId != null ? "order_id" : "customer_id";
    String value = orderId != null ? orderId : customerId;
    Map<Key, List<Step>> history = history(column, value);
    return jdbc.sql("""
            SELECT template, channel, status, reason, held_until, sent_at, attempts, last_error,
                   message_id, order_id, customer_id, created_at, purpose, delivery_status,
                   delivery_error, provider_message_id, element_instance_key
            FROM outbox WHERE %s = ? ORDER BY created_at, element_instance_key, channel""".formatted(column))
        .param(value)
        .query((rs, n) -> new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getInt(7),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
            rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getString(14), rs.getString(15),
            rs.getString(16), history.getOrDefault(new Key(rs.getLong(17), rs.getString(2)), List.of())))
        .list();
  }

  private Map<Key, List<Step>> history(String column, String value) {
    record Row(Key key, Step step) {}
    return jdbc.sql("""
            SELECT d.element_instance_key, d.channel, d.decision, d.detail, d.decided_at
            FROM outbox_decision d JOIN outbox o
              ON o.element_instance_key = d.element_instance_key AND o.channel = d.channel
            WHERE o.%s = ? ORDER BY d.id""".formatted(column))
        .param(value)
        .query((rs, n) -> new Row(new Key(rs.getLong(1), rs.getString(2)),
            new Step(rs.getString(3), rs.getString(4), rs.getObject(5, OffsetDateTime.class))))
        .list().stream()
        .collect(Collectors.groupingBy(Row::key, Collectors.mapping(Row::step, Collectors.toList())));
  }
}
