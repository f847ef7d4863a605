package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.JourneysAppTest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every registered channel's sandbox copies go after journeys.retention.keep.sandbox-messages: the
 * purge learns the tables from the channels, so a new channel's sandbox is not forgotten.
 */
@JourneysAppTest
class SandboxPurgeTest {

  private static final OffsetDateTime OLD = OffsetDateTime.of(2001, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
  private static final Instant CUTOFF = Instant.parse("2002-01-01T00:00:00Z");

  @Autowired Channels channels;
  @Autowired JdbcClient jdbc;

  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void oldCopiesInEveryChannelsSandboxGoAndRecentOnesStay() {
    assertThat(channels.all()).extracting(MessageChannel::sandboxTable)
        .containsExactlyInAnyOrder("sandbox_message", "sandbox_sms", "sandbox_push"); // WhatsApp is off by default
    for (OffsetDateTime at : List.of(OLD, OLD.plusSeconds(1), OffsetDateTime.now(ZoneOffset.UTC))) {
      String id = "<" + run + "." + at.toEpochSecond() + "@test>";
      jdbc.sql("INSERT INTO sandbox_message (message_id, recipient, subject, text_body, html_body, mime, sent_at) "
          + "VALUES (?, 'jane@example.com', 's', 't', 'h', 'm', ?)").params(id, at).update();
      jdbc.sql("INSERT INTO sandbox_sms (message_id, recipient, body, segments, sent_at) VALUES (?, '+4915112345678', 'b', 1, ?)")
          .params(id, at).update();
      jdbc.sql("INSERT INTO sandbox_push (message_id, device, title, body, sent_at) VALUES (?, 'dev', 't', 'b', ?)")
          .params(id, at).update();
    }

    SandboxPurge purge = new SandboxPurge(channels, jdbc);
    int deleted = 0;
    int batch;
    do {
      batch = purge.purgeBefore(CUTOFF, 3);
      deleted += batch;
    } while (batch == 3);

    assertThat(deleted).isEqualTo(6);
    for (String table : List.of("sandbox_message", "sandbox_sms", "sandbox_push")) {
      assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE message_id LIKE ?").param("<" + run + ".%")
          .query(Long.class).single()).as(table).isEqualTo(1L);
    }
  }
}
