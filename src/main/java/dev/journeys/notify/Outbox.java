package dev.journeys.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox: one row per (element instance, channel), committed before the send and marked SENT
 * after, so a retried job whose message already went out sends nothing.
 *
 * <p>A crash between the send and marking it sent resends on retry: that gap cannot be closed
 * against SMTP, so the Message-ID is deterministic and lets mail systems drop the duplicate.
 */
@Repository
class Outbox {

  enum Claim {
    /** This worker may send now; no other will until the lease passes. */
    CLAIMED,
    /** Already sent: send nothing. */
    SENT,
    /** Another worker is sending it right now (its job timed out, or it is slow). */
    BUSY
  }

  record Entry(
      long elementInstanceKey,
      Channel channel,
      long jobKey,
      String orderId,
      String template,
      String messageId) {}

  private final JdbcClient jdbc;
  private final Clock clock = Clock.systemUTC();

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the message as due (once) and claims it for this worker for the lease's length. */
  Claim claim(Entry entry, Duration lease) {
    register(entry);
    OffsetDateTime now = now();
    int claimed =
        jdbc.sql(
                """
                UPDATE outbox SET status = 'SENDING', lease_until = ?, attempts = attempts + 1,
                                  job_key = ?
                WHERE element_instance_key = ? AND channel = ?
                  AND (status = 'PENDING' OR (status = 'SENDING' AND lease_until < ?))""")
            .params(now.plus(lease), entry.jobKey(), entry.elementInstanceKey(), entry.channel().key(), now)
            .update();
    if (claimed == 1) {
      return Claim.CLAIMED;
    }
    return "SENT".equals(status(entry)) ? Claim.SENT : Claim.BUSY;
  }

  void markSent(Entry entry) {
    jdbc.sql(
            """
            UPDATE outbox SET status = 'SENT', sent_at = ?, lease_until = NULL, last_error = NULL
            WHERE element_instance_key = ? AND channel = ?""")
        .params(now(), entry.elementInstanceKey(), entry.channel().key())
        .update();
  }

  /** Gives the message back after a failed send, so the job's retry may claim it at once. */
  void release(Entry entry, String error) {
    String truncated = error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    jdbc.sql(
            """
            UPDATE outbox SET status = 'PENDING', lease_until = NULL, last_error = ?
            WHERE element_instance_key = ? AND channel = ? AND status = 'SENDING'""")
        .params(truncated, entry.elementInstanceKey(), entry.channel().key())
        .update();
  }

  String status(Entry entry) {
    return jdbc.sql("SELECT status FROM outbox WHERE element_instance_key = ? AND channel = ?")
        .params(entry.elementInstanceKey(), entry.channel().key())
        .query(String.class)
        .optional()
        .orElse(null);
  }

  private void register(Entry entry) {
    try {
      jdbc.sql(
              """
              INSERT INTO outbox (element_instance_key, channel, job_key, order_id, template,
                                  message_id, status, attempts, created_at)
              VALUES (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?)""")
          .params(
              entry.elementInstanceKey(),
              entry.channel().key(),
              entry.jobKey(),
              entry.orderId(),
              entry.template(),
              entry.messageId(),
              now())
          .update();
    } catch (DuplicateKeyException alreadyRegistered) {
      // A retry of the same element instance: the existing row decides what happens.
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
