package dev.journeys.notify;

import dev.journeys.orders.Orders;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox: one row per (element instance, channel), committed before the send and marked SENT
 * after, so a retried job whose message already went out sends nothing. A message that must not go
 * out (no consent, suppressed address, erased customer) is recorded as SKIPPED with its reason; one
 * the server or provider refused for good is REJECTED. Both are final, like SENT. One due in quiet
 * hours is HELD until held_until, then claimable again (by the scheduler or a retried job).
 *
 * <p>A crash between the send and marking it sent resends on retry: that gap cannot be closed
 * against SMTP, so the Message-ID is deterministic and lets mail systems drop the duplicate.
 */
@Repository
public class Outbox {

  enum Claim {
    /** This worker may send now; no other will until the lease passes. */
    CLAIMED,
    /** Already sent: send nothing. */
    SENT,
    /** Already settled without a send (SKIPPED or REJECTED): send nothing. */
    SETTLED,
    /** Another worker is sending it right now (its job timed out, or it is slow). */
    BUSY,
    /** Held for quiet hours and not due yet: the scheduler sends it then. */
    HELD
  }

  /**
   * @param orderId null for customer-only messages
   * @param customerId null for messages addressed from an order alone
   * @param locale the recipient's language tag when the message is first recorded, or null
   * @param journey the BPMN process id of the task that asked for it, or null (a held message sent later)
   */
  public record Entry(
      long elementInstanceKey,
      Channel channel,
      long jobKey,
      String orderId,
      String customerId,
      String template,
      String messageId,
      Purpose purpose,
      String locale,
      String journey) {

    /** An entry that does not say the locale and journey its row is counted under. */
    Entry(long elementInstanceKey, Channel channel, long jobKey, String orderId, String customerId,
        String template, String messageId, Purpose purpose) {
      this(elementInstanceKey, channel, jobKey, orderId, customerId, template, messageId, purpose, null, null);
    }

    /** An entry whose purpose is not known here (null in the row; frequency caps ignore it). */
    Entry(long elementInstanceKey, Channel channel, long jobKey, String orderId, String customerId,
        String template, String messageId) {
      this(elementInstanceKey, channel, jobKey, orderId, customerId, template, messageId, null);
    }
  }

  /**
   * The message's Message-ID, derived from the outbox key, so every attempt at one message carries
   * the same (the email's Message-ID header; the sandboxes and logs of every channel use it too).
   */
  static String messageId(long elementInstanceKey, Channel channel, String domain) {
    return "<%d.%s@%s>".formatted(elementInstanceKey, channel.key(), domain);
  }

  private static final String CLAIMABLE =
      "(status = 'PENDING' OR (status = 'SENDING' AND lease_until < ?) OR (status = 'HELD' AND held_until <= ?))";

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate transactions;
  private final Orders orders;

  /** Without telling the orders module of delay alerts: for tests that build the outbox by hand. */
  Outbox(JdbcClient jdbc, Clock clock, TransactionTemplate transactions) {
    this(jdbc, clock, transactions, null);
  }

  /** @param orders told when a delay alert is sent (delivery honesty); null for none */
  @org.springframework.beans.factory.annotation.Autowired
  Outbox(JdbcClient jdbc, Clock clock, TransactionTemplate transactions, Orders orders) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.transactions = transactions;
    this.orders = orders;
  }

  /**
   * Records the message as due (once) and claims it for this worker for the lease's length. A
   * message seen for the first time is inserted already claimed, one commit instead of two; only a
   * retry, a held message or a fallback finds its row and claims it with an update. Taking over a
   * row whose lease ran out while SENDING (its worker died or timed out mid-send) notes the earlier
   * attempt as unsure: the provider may have taken that message ({@link #unsureSince}).
   */
  Claim claim(Entry entry, Duration lease) {
    OffsetDateTime now = now();
    if (insert(entry, "SENDING", now.plus(lease), 1)) {
      return Claim.CLAIMED;
    }
    int claimed =
        jdbc.sql(
                """
                UPDATE outbox SET status = 'SENDING', lease_until = ?, attempts = attempts + 1,
                                  job_key = ?, claimed_at = ?,
                                  unsure_since = CASE WHEN status = 'SENDING'
                                                      THEN COALESCE(unsure_since, claimed_at, created_at)
                                                      ELSE unsure_since END
                WHERE element_instance_key = ? AND channel = ? AND """
                    + CLAIMABLE)
            .params(now.plus(lease), entry.jobKey(), now, entry.elementInstanceKey(), entry.channel().key(), now, now)
            .update();
    return claimed == 1 ? Claim.CLAIMED : settledOrBusy(entry);
  }

  /**
   * Records that this message is not sent, and why (e.g. no-consent). A message already sent stays
   * SENT: consent withdrawn after the send does not unsend it.
   */
  Claim skip(Entry entry, String reason) {
    register(entry);
    int skipped =
        jdbc.sql(
                """
                UPDATE outbox SET status = 'SKIPPED', reason = ?, lease_until = NULL, job_key = ?
                WHERE element_instance_key = ? AND channel = ? AND """
                    + CLAIMABLE)
            .params(truncateReason(reason), entry.jobKey(), entry.elementInstanceKey(), entry.channel().key(), now(), now())
            .update();
    if (skipped == 1) {
      decided(entry, "skipped", reason);
      return Claim.SETTLED;
    }
    return settledOrBusy(entry);
  }

  /**
   * Holds the message until the quiet hours end, keeping what rendering it later takes.
   *
   * @param request purpose and journey facts as JSON: ids and facts only, no contact details
   * @return HELD when this call held it (or re-held it when due); otherwise what the row says
   */
  Claim hold(Entry entry, OffsetDateTime until, String request, String reason) {
    register(entry);
    int held =
        jdbc.sql(
                """
                UPDATE outbox SET status = 'HELD', held_until = ?, request = ?, reason = ?,
                                  lease_until = NULL, job_key = ?
                WHERE element_instance_key = ? AND channel = ? AND """
                    + CLAIMABLE)
            .params(until, request, reason, entry.jobKey(), entry.elementInstanceKey(), entry.channel().key(),
                now(), now())
            .update();
    if (held == 1) {
      decided(entry, "held", reason + " until " + until);
      return Claim.HELD;
    }
    return settledOrBusy(entry);
  }

  void markSent(Entry entry) {
    markSent(entry, null, null);
  }

  /**
   * @param providerId the provider's id for status callbacks (Twilio's MessageSid), or null
   * @param deliveryStatus the provider's first delivery status (queued, ...), or null
   */
  void markSent(Entry entry, String providerId, String deliveryStatus) {
    // The status and its decision row in one commit: every commit writes the pages it changed.
    // Once only: marking again after a commit whose answer was lost (OutboxDecisions.sent) changes nothing.
    OffsetDateTime at = now();
    transactions.executeWithoutResult(tx -> {
      int marked = jdbc.sql(
              """
              UPDATE outbox SET status = 'SENT', sent_at = ?, lease_until = NULL, last_error = NULL,
                                provider_message_id = ?, delivery_status = ?, delivery_updated_at = ?
              WHERE element_instance_key = ? AND channel = ? AND status <> 'SENT'""")
          .params(at, providerId, deliveryStatus, deliveryStatus == null ? null : at,
              entry.elementInstanceKey(), entry.channel().key())
          .update();
      if (marked == 1) {
        decided(entry, "sent", providerId == null ? null : "provider id " + providerId);
        if (orders != null && entry.orderId() != null && SentMessages.DELAY_ALERT.equals(entry.template())) {
          orders.delayAlertSent(entry.orderId(), at.toInstant());
        }
      }
    });
  }

  /** The server refused the recipient for good: final, so the job completes instead of retrying. */
  void markRejected(Entry entry, String error) {
    markRejected(entry, "rejected", error);
  }

  void markRejected(Entry entry, String reason, String error) {
    jdbc.sql(
            """
            UPDATE outbox SET status = 'REJECTED', reason = ?, lease_until = NULL, last_error = ?
            WHERE element_instance_key = ? AND channel = ?""")
        .params(reason, truncate(error), entry.elementInstanceKey(), entry.channel().key())
        .update();
    decided(entry, reason, error);
  }

  /** Gives the message back after a failed send, so the job's retry may claim it at once. */
  void release(Entry entry, String error) {
    jdbc.sql(
            """
            UPDATE outbox SET status = 'PENDING', lease_until = NULL, last_error = ?
            WHERE element_instance_key = ? AND channel = ? AND status = 'SENDING'""")
        .params(truncate(error), entry.elementInstanceKey(), entry.channel().key())
        .update();
    decided(entry, "retry", error);
  }

  /**
   * Gives the message back after an attempt whose outcome is unknown (the provider's answer came
   * after our timeout, or the connection broke after the request went out): the provider may have
   * taken it, so the retry asks the provider before sending again ({@link #unsureSince}).
   */
  void releaseUnsure(Entry entry, String error) {
    jdbc.sql(
            """
            UPDATE outbox SET status = 'PENDING', lease_until = NULL, last_error = ?,
                              unsure_since = COALESCE(unsure_since, claimed_at, created_at)
            WHERE element_instance_key = ? AND channel = ? AND status = 'SENDING'""")
        .params(truncate(error), entry.elementInstanceKey(), entry.channel().key())
        .update();
    decided(entry, "retry", "unsure whether the provider took it: " + error);
  }

  /**
   * Since when an earlier attempt at this message may have reached the provider without our
   * learning it; null when every earlier attempt is known to have failed, or there was none.
   */
  OffsetDateTime unsureSince(Entry entry) {
    return jdbc.sql("SELECT unsure_since FROM outbox WHERE element_instance_key = ? AND channel = ?")
        .params(entry.elementInstanceKey(), entry.channel().key())
        .query((rs, n) -> rs.getObject(1, OffsetDateTime.class))
        .list().stream().filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** Whether a message of ours is recorded under this provider id (Twilio's MessageSid). */
  boolean holdsProviderId(String providerId) {
    return jdbc.sql("SELECT COUNT(*) FROM outbox WHERE provider_message_id = ?")
        .param(providerId).query(Integer.class).single() > 0;
  }

  /**
   * Notes why this channel is used at all before it is sent (it stands in for another): kept as the
   * row's reason unless a later decision (held, skipped) replaces it.
   */
  void fallback(Entry entry, String reason) {
    register(entry);
    int noted = jdbc.sql("UPDATE outbox SET reason = ? WHERE element_instance_key = ? AND channel = ? AND reason IS NULL")
        .params(truncateReason(reason), entry.elementInstanceKey(), entry.channel().key())
        .update();
    if (noted == 1) {
      // Once: a retried job falls back again, to the same row.
      decided(entry, "fallback", reason);
    }
  }

  /** Why the message on this channel was skipped, held or rejected; null when it was not. */
  String reason(long elementInstanceKey, Channel channel) {
    return jdbc.sql("SELECT reason FROM outbox WHERE element_instance_key = ? AND channel = ?")
        .params(elementInstanceKey, channel.key())
        .query((rs, n) -> rs.getString(1))
        .list().stream().findFirst().orElse(null);
  }

  /** Appends to the message's decision history (GET /api/outbox shows it). */
  void decided(Entry entry, String decision, String detail) {
    decided(entry.elementInstanceKey(), entry.channel(), decision, detail);
  }

  void decided(long elementInstanceKey, Channel channel, String decision, String detail) {
    // Copies what the decision is counted under from its message (message outcomes read no join).
    CountedAs counted = CountedAs.decision(channel, decision, detail);
    int recorded = jdbc.sql("""
            INSERT INTO outbox_decision (element_instance_key, channel, decision, detail, decided_at,
                                         template, locale, journey, outcome, reason)
            SELECT element_instance_key, channel, ?, ?, ?, template, locale, journey, ?, ?
            FROM outbox WHERE element_instance_key = ? AND channel = ?""")
        .params(decision, truncate(detail), now(), counted.outcome(), counted.reason(), elementInstanceKey,
            channel.key())
        .update();
    if (recorded == 0) {
      jdbc.sql("""
              INSERT INTO outbox_decision (element_instance_key, channel, decision, detail, decided_at, outcome, reason)
              VALUES (?, ?, ?, ?, ?, ?, ?)""")
          .params(elementInstanceKey, channel.key(), decision, truncate(detail), now(), counted.outcome(),
              counted.reason())
          .update();
    }
  }

  /** How often this message was claimed for sending: 1 on its first attempt. */
  int attempts(Entry entry) {
    return jdbc.sql("SELECT attempts FROM outbox WHERE element_instance_key = ? AND channel = ?")
        .params(entry.elementInstanceKey(), entry.channel().key())
        .query(Integer.class)
        .optional()
        .orElse(1);
  }

  String status(Entry entry) {
    return jdbc.sql("SELECT status FROM outbox WHERE element_instance_key = ? AND channel = ?")
        .params(entry.elementInstanceKey(), entry.channel().key())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private Claim settledOrBusy(Entry entry) {
    return switch (String.valueOf(status(entry))) {
      case "SENT" -> Claim.SENT;
      case "SKIPPED", "REJECTED" -> Claim.SETTLED;
      case "HELD" -> Claim.HELD;
      default -> Claim.BUSY;
    };
  }

  private void register(Entry entry) {
    insert(entry, "PENDING", null, 0);
  }

  /** @return false when the row exists already (a retry): then that row decides what happens */
  private boolean insert(Entry entry, String status, OffsetDateTime leaseUntil, int attempts) {
    try {
      jdbc.sql(
              """
              INSERT INTO outbox (element_instance_key, channel, job_key, order_id, customer_id,
                                  template, message_id, purpose, status, lease_until, attempts, created_at,
                                  claimed_at, locale, journey)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(
              entry.elementInstanceKey(),
              entry.channel().key(),
              entry.jobKey(),
              entry.orderId(),
              entry.customerId(),
              entry.template(),
              entry.messageId(),
              entry.purpose() == null ? null : entry.purpose().key(),
              status,
              leaseUntil,
              attempts,
              now(),
              attempts > 0 ? now() : null,
              cut(entry.locale(), 35),
              cut(entry.journey(), 255))
          .update();
      return true;
    } catch (DuplicateKeyException alreadyRegistered) {
      return false;
    }
  }

  private static String cut(String value, int length) {
    return value == null || value.length() <= length ? value : value.substring(0, length);
  }

  private static String truncateReason(String reason) {
    return reason == null || reason.length() <= 255 ? reason : reason.substring(0, 255);
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
