package dev.journeys.notify;

import dev.journeys.storage.RetentionPurge;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rendered copies each channel's sandbox keeps (journeys.retention.keep.sandbox-messages): they
 * hold names, addresses and message text, and serve only a look at what would have been sent.
 */
@Component
class SandboxPurge implements RetentionPurge {

  private final Channels channels;
  private final JdbcClient jdbc;

  SandboxPurge(Channels channels, JdbcClient jdbc) {
    this.channels = channels;
    this.jdbc = jdbc;
  }

  @Override
  public String kind() {
    return "sandbox-messages";
  }

  @Override
  public int purgeBefore(Instant cutoff, int limit) {
    OffsetDateTime before = OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC);
    int deleted = 0;
    for (MessageChannel channel : channels.all()) {
      String table = channel.sandboxTable();
      if (table == null || deleted == limit) {
        continue;
      }
      if (!table.matches("[a-z_]+")) {
        throw new IllegalStateException("Expected a table name, but channel " + channel.channel() + " names " + table);
      }
      deleted += jdbc.sql("DELETE FROM %1$s WHERE id IN (SELECT id FROM %1$s WHERE sent_at < ? ORDER BY id FETCH FIRST ? ROWS ONLY)"
              .formatted(table))
          .params(before, limit - deleted).update();
    }
    return deleted;
  }
}
