package dev.journeys.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Frequency caps for marketing: counts the customer's marketing messages (one per task, whatever
 * its channels) sent, being sent or held within the rolling window, leaving out the task asking.
 * Checked at send time like consent, so a held message is counted again when it is released.
 * {@link #admit} checks and records a message (its hold or its claim) under a lock on the customer's
 * row, so two marketing messages for one customer at the same moment are decided one after the
 * other, and the second counts the first.
 */
@Component
class FrequencyCap {

  private final JdbcClient jdbc;
  private final FrequencyCapProperties properties;
  private final Clock clock;
  private final TransactionTemplate transactions;

  FrequencyCap(JdbcClient jdbc, FrequencyCapProperties properties, Clock clock, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
    this.transactions = transactions;
  }

  /**
   * What the cap made of a message: the reason it was capped, or what {@code record} returned.
   *
   * @param cappedBy the skip reason, or null when the message was admitted
   */
  record Admission<T>(String cappedBy, T recorded) {

    boolean capped() {
      return cappedBy != null;
    }
  }

  /**
   * Admits the message if the cap allows it and then runs {@code record}, which must make it count
   * (hold it or claim it in the outbox), all in one transaction that holds the customer's row
   * locked. A transactional message, or one without a customer, is admitted without a lock.
   */
  <T> Admission<T> admit(Outbox.Entry entry, Purpose purpose, Supplier<T> record) {
    if (!applies(entry, purpose)) {
      return new Admission<>(null, record.get());
    }
    return transactions.execute(status -> {
      // The lock: a second message for this customer waits here until the first is recorded.
      jdbc.sql("SELECT id FROM customers WHERE id = ? FOR UPDATE").param(entry.customerId()).query(String.class).list();
      Optional<String> exceeded = exceeded(entry, purpose);
      return exceeded.isPresent() ? new Admission<T>(exceeded.get(), null) : new Admission<>(null, record.get());
    });
  }

  private boolean applies(Outbox.Entry entry, Purpose purpose) {
    return purpose == Purpose.MARKETING && entry.customerId() != null && properties.maxMessages() > 0;
  }

  /** The skip reason when this marketing message would exceed the cap; empty when it may go. */
  Optional<String> exceeded(Outbox.Entry entry, Purpose purpose) {
    if (!applies(entry, purpose)) {
      return Optional.empty();
    }
    OffsetDateTime since = OffsetDateTime.now(clock).minus(properties.window()).withOffsetSameInstant(ZoneOffset.UTC);
    long recent = jdbc.sql("""
            SELECT COUNT(DISTINCT element_instance_key) FROM outbox
            WHERE customer_id = ? AND purpose = 'marketing' AND element_instance_key <> ?
              AND status IN ('SENT', 'SENDING', 'HELD') AND COALESCE(sent_at, created_at) > ?""")
        .params(entry.customerId(), entry.elementInstanceKey(), since)
        .query(Long.class)
        .single();
    if (recent < properties.maxMessages()) {
      return Optional.empty();
    }
    return Optional.of("frequency-cap: %d marketing messages in %s".formatted(recent, describe()));
  }

  private String describe() {
    long hours = properties.window().toHours();
    return hours % 24 == 0 ? hours / 24 + "d" : hours + "h";
  }
}
