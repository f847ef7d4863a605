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
 *
 * <p>The batch walks the bodies in key order, not the events: the events' rows stay, so walking
 * them began every batch at the first event ever stored and grew longer with each batch.
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
              SELECT p.inbox_id FROM inbox_payload p
              WHERE EXISTS (SELECT 1 FROM inbox i WHERE i.id = p.inbox_id
                AND i.state IN ('DONE', 'DISCARDED') AND i.received_at < ?)
              ORDER BY p.inbox_id FETCH FIRST ? ROWS ONLY)""")
        .params(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC), limit)
        .update();
  }
}
