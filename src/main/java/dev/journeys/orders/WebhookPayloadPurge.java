package dev.journeys.orders;

import dev.journeys.storage.RetentionPurge;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Raw bodies of shop events that were processed or discarded (journeys.retention.keep.webhook-payloads):
 * they hold contact data and serve only a retry. The event's row stays, so a late redelivery is still
 * recognised and not applied twice, and a discarded event keeps its record (who, when, why it was
 * parked); parked and pending events keep their bodies until handled.
 */
@Component
class WebhookPayloadPurge implements RetentionPurge {

  private final JdbcClient jdbc;

  WebhookPayloadPurge(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return "webhook-payloads";
  }

  @Override
  public int purgeBefore(Instant cutoff, int limit) {
    return jdbc.sql("""
            DELETE FROM inbox_payload WHERE inbox_id IN (
              SELECT i.id FROM inbox i JOIN inbox_payload p ON p.inbox_id = i.id
              WHERE i.state IN ('DONE', 'DISCARDED') AND i.received_at < ? ORDER BY i.id FETCH FIRST ? ROWS ONLY)""")
        .params(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), limit)
        .update();
  }
}
