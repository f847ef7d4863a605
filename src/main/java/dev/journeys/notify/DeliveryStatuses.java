package dev.journeys.notify;

import dev.journeys.storage.TransactionBatcher;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Applies the provider's delivery status callbacks to outbox rows, forward only. */
@Repository
class DeliveryStatuses {

  /** What a callback did. */
  enum Applied { APPLIED, STALE, UNKNOWN_MESSAGE, UNKNOWN_STATUS }

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionBatcher batcher;

  DeliveryStatuses(JdbcClient jdbc, Clock clock, TransactionBatcher batcher) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.batcher = batcher;
  }

  /**
   * Applies a status callback and keeps a record of it, in one commit: a provider sends several
   * callbacks for every message, so what each costs the database is much of what an SMS costs. An
   * applied one is recorded as the message's {@code delivery} decision; one that changed nothing
   * (stale, for an unknown message or with an unknown status) in sms_event. Callbacks arriving
   * together share a commit.
   */
  Applied applyAndRecord(String providerId, String reported, String errorCode) {
    return batcher.execute(() -> {
      Applied applied = apply(providerId, reported, errorCode);
      if (applied != Applied.APPLIED) {
        record("status", providerId, reported, null, applied.name().toLowerCase(java.util.Locale.ROOT));
      }
      return applied;
    });
  }

  /**
   * @param errorCode the provider's error code for undelivered or failed messages, or null
   */
  Applied apply(String providerId, String reported, String errorCode) {
    String status = DeliveryStatus.normalise(reported);
    if (status == null) {
      return Applied.UNKNOWN_STATUS;
    }
    List<String> before = DeliveryStatus.before(status);
    // One statement, so two callbacks racing cannot move a message backwards.
    String earlier = before.isEmpty() ? "" : " OR delivery_status IN (" + before.stream().map(s -> "?")
        .collect(Collectors.joining(", ")) + ")";
    List<Object> params = new java.util.ArrayList<>(List.of(status));
    params.add(errorCode == null || errorCode.length() > 64 ? null : errorCode);
    params.add(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    params.add(providerId);
    params.addAll(before);
    int updated = jdbc.sql("""
            UPDATE outbox SET delivery_status = ?, delivery_error = ?, delivery_updated_at = ?
            WHERE provider_message_id = ? AND (delivery_status IS NULL%s)""".formatted(earlier))
        .params(params)
        .update();
    if (updated > 0) {
      String detail = errorCode == null ? status : status + " (error " + errorCode + ")";
      CountedAs counted = CountedAs.delivery(detail);
      jdbc.sql("""
              INSERT INTO outbox_decision (element_instance_key, channel, decision, detail, decided_at,
                                           template, locale, journey, outcome, reason)
              SELECT element_instance_key, channel, 'delivery', ?, ?, template, locale, journey, ?, ?
              FROM outbox WHERE provider_message_id = ?""")
          .params(detail, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), counted.outcome(),
              counted.reason(), providerId)
          .update();
      return Applied.APPLIED;
    }
    boolean known = jdbc.sql("SELECT COUNT(*) FROM outbox WHERE provider_message_id = ?")
        .param(providerId).query(Long.class).single() > 0;
    return known ? Applied.STALE : Applied.UNKNOWN_MESSAGE;
  }

  /** Records an authentic webhook and what it changed; no phone numbers, no message bodies. */
  void record(String kind, String messageSid, String detail, String customerId, String outcome) {
    jdbc.sql("""
            INSERT INTO sms_event (kind, message_sid, detail, customer_id, outcome, received_at)
            VALUES (?, ?, ?, ?, ?, ?)""")
        .params(kind, cut(messageSid), cut(detail), customerId, cut(outcome),
            OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
        .update();
  }

  private static String cut(String value) {
    return value == null || value.length() <= 64 ? value : value.substring(0, 64);
  }
}
