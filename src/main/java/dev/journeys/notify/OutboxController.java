package dev.journeys.notify;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every decision about an order's or a customer's messages: sent, held until, skipped because,
 * rejected with the provider's error. No contact details: the outbox keeps none.
 */
@RestController
class OutboxController {

  /**
   * @param reason why it was skipped, held or rejected (no-sms-consent, quiet-hours, ...); null when
   *     it simply went out
   * @param heldUntil when quiet hours end(ed) for a held message; null when never held
   * @param lastError the last send failure, or the provider's refusal with its error code
   * @param purpose transactional or marketing; null for rows older than the column
   * @param deliveryStatus the provider's latest delivery status (queued, sent, delivered, undelivered,
   *     failed), moved forward only by status callbacks; null when none came
   * @param deliveryError the provider's error code for undelivered or failed messages
   * @param providerMessageId the provider's id for the message (Twilio's MessageSid)
   */
  record Decision(String template, String channel, String status, String reason, OffsetDateTime heldUntil,
      OffsetDateTime sentAt, int attempts, String lastError, String messageId, String orderId,
      String customerId, OffsetDateTime createdAt, String purpose, String deliveryStatus,
      String deliveryError, String providerMessageId) {}

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
    return jdbc.sql("""
            SELECT template, channel, status, reason, held_until, sent_at, attempts, last_error,
                   message_id, order_id, customer_id, created_at, purpose, delivery_status,
                   delivery_error, provider_message_id
            FROM outbox WHERE %s = ? ORDER BY created_at, element_instance_key, channel""".formatted(column))
        .param(orderId != null ? orderId : customerId)
        .query((rs, n) -> new Decision(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class), rs.getInt(7),
            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
            rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getString(14), rs.getString(15),
            rs.getString(16)))
        .list();
  }
}
