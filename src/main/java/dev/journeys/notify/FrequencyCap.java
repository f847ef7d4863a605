package dev.journeys.notify;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Frequency caps for marketing: counts the customer's marketing messages (one per task, whatever
 * its channels) sent, being sent or held within the rolling window, leaving out the task asking.
 * Checked at send time like consent, so a held message is counted again when it is released. Two
 * marketing tasks for one customer at the very same moment can both pass: the cap is a courtesy,
 * not a lock, and journeys rarely send two marketing messages at once.
 */
@Component
class FrequencyCap {

  private final JdbcClient jdbc;
  private final FrequencyCapProperties properties;
  private final Clock clock;

  FrequencyCap(JdbcClient jdbc, FrequencyCapProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  /** The skip reason when this marketing message would exceed the cap; empty when it may go. */
  Optional<String> exceeded(Outbox.Entry entry, Purpose purpose) {
    if (purpose != Purpose.MARKETING || entry.customerId() == null || properties.maxMessages() <= 0) {
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
