package dev.journeys.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The purge removes exactly what is past its retention and nothing else, in batches, on H2 and
 * PostgreSQL. The modules' purges are found by name, as Spring finds them, so this test holds the
 * SQL of each to the schema the migrations make.
 */
class RetentionTest {

  private static final Instant NOW = Instant.parse("2031-06-01T00:00:00Z");
  private static final Instant OLD = NOW.minus(Duration.ofDays(400));
  private static final Instant RECENT = NOW.minus(Duration.ofDays(10));

  private MigratedDatabase database;
  private JdbcClient jdbc;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void onlyWhatIsPastItsRetentionGoes(String kind) throws Exception {
    database = MigratedDatabase.open(kind);
    jdbc = database.jdbc();
    long doneOld = inbox("DONE", OLD);
    long doneOld2 = inbox("DONE", OLD.plusSeconds(1));
    long doneOld3 = inbox("DONE", OLD.plusSeconds(2));
    long parkedOld = inbox("PARKED", OLD);
    long pendingOld = inbox("PENDING", OLD);
    long doneRecent = inbox("DONE", NOW.minus(Duration.ofDays(29)));
    outbox(1, "SENT", OLD);
    outbox(2, "SKIPPED", OLD);
    outbox(3, "REJECTED", OLD);
    outbox(4, "HELD", OLD);
    outbox(5, "SENDING", OLD);
    outbox(6, "SENT", RECENT);
    outbox(1, "sms", "HELD", OLD);
    decision(1, OLD);
    decision(6, RECENT);
    news("o-1", "k-old", OLD);
    news("o-1", "k-new", RECENT);
    smsEvent(OLD);
    smsEvent(RECENT);
    event(1, "opened", OLD);
    event(1, "clicked", RECENT);
    event(2, "opened", OLD);

    // Batches of two: several rounds for each kind.
    Retention retention = new Retention(List.of(purge("dev.journeys.orders.WebhookPayloadPurge"),
        purge("dev.journeys.notify.MessageRecordsPurge")),
        new RetentionProperties(true, null, Duration.ofHours(1), 2, Duration.ZERO),
        null, Clock.fixed(NOW, ZoneOffset.UTC));
    Map<String, Integer> deleted = retention.purge();

    assertThat(deleted).containsEntry("webhook-payloads", 3).containsEntry("message-records", 8);
    assertThat(ids("SELECT inbox_id FROM inbox_payload ORDER BY inbox_id"))
        .as("payloads of parked, pending and recent events stay").containsExactly(parkedOld, pendingOld, doneRecent);
    assertThat(ids("SELECT id FROM inbox ORDER BY id")).as("every event row stays, for recognising redeliveries")
        .containsExactly(doneOld, doneOld2, doneOld3, parkedOld, pendingOld, doneRecent);
    assertThat(jdbc.sql("SELECT element_instance_key || ' ' || channel FROM outbox ORDER BY element_instance_key, channel")
            .query(String.class).list())
        .as("held and sending messages stay whatever their age, also beside an expired one of the same step")
        .containsExactly("1 sms", "4 email", "5 email", "6 email");
    assertThat(jdbc.sql("SELECT element_instance_key || ' ' || kind FROM message_event").query(String.class).list())
        .as("a recent event stays beside an expired one of the same message").containsExactly("1 clicked");
    assertThat(ids("SELECT element_instance_key FROM outbox_decision")).containsExactly(6L);
    assertThat(jdbc.sql("SELECT news_key FROM outbox_news").query(String.class).list()).containsExactly("k-new");
    assertThat(ids("SELECT COUNT(*) FROM sms_event")).containsExactly(1L);

    assertThat(retention.purge()).as("nothing left to remove").containsEntry("webhook-payloads", 0)
        .containsEntry("message-records", 0);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aKindKeptForeverIsLeftAlone(String kind) throws Exception {
    database = MigratedDatabase.open(kind);
    jdbc = database.jdbc();
    inbox("DONE", OLD);

    Retention retention = new Retention(List.of(purge("dev.journeys.orders.WebhookPayloadPurge")),
        new RetentionProperties(true, Map.of("webhook-payloads", Duration.ZERO), Duration.ofHours(1), 2, Duration.ZERO),
        null, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(retention.purge()).doesNotContainKey("webhook-payloads");
    assertThat(ids("SELECT COUNT(*) FROM inbox_payload")).containsExactly(1L);
  }

  private RetentionPurge purge(String className) throws Exception {
    var constructor = Class.forName(className).getDeclaredConstructor(JdbcClient.class);
    constructor.setAccessible(true);
    return (RetentionPurge) constructor.newInstance(jdbc);
  }

  private long inbox(String state, Instant at) {
    long id = jdbc.sql("""
            INSERT INTO inbox (source, topic, business_key, order_id, state, attempts, next_attempt_at, received_at)
            VALUES ('shopify', 'orders/create', ?, 'o-1', ?, 0, ?, ?)""")
        .params("key-" + state + "-" + at, state, utc(at), utc(at)).update() == 1
        ? jdbc.sql("SELECT MAX(id) FROM inbox").query(Long.class).single() : -1;
    jdbc.sql("INSERT INTO inbox_payload (inbox_id, payload) VALUES (?, ?)").params(id, "{\"email\":\"jane@example.com\"}")
        .update();
    return id;
  }

  private void outbox(long key, String status, Instant at) {
    outbox(key, "email", status, at);
  }

  private void outbox(long key, String channel, String status, Instant at) {
    jdbc.sql("""
            INSERT INTO outbox (element_instance_key, channel, job_key, order_id, template, message_id, status,
                                attempts, created_at)
            VALUES (?, ?, 1, 'o-1', 'order-confirmation', ?, ?, 1, ?)""")
        .params(key, channel, "<" + key + "." + channel + "@test>", status, utc(at)).update();
  }

  private void event(long key, String kind, Instant at) {
    jdbc.sql("INSERT INTO message_event (element_instance_key, channel, kind, happened_at) VALUES (?, 'email', ?, ?)")
        .params(key, kind, utc(at)).update();
  }

  private void decision(long key, Instant at) {
    jdbc.sql("INSERT INTO outbox_decision (element_instance_key, channel, decision, decided_at) VALUES (?, 'email', 'SENT', ?)")
        .params(key, utc(at)).update();
  }

  private void news(String orderId, String newsKey, Instant at) {
    jdbc.sql("INSERT INTO outbox_news (order_id, news_key, element_instance_key, created_at) VALUES (?, ?, 1, ?)")
        .params(orderId, newsKey, utc(at)).update();
  }

  private void smsEvent(Instant at) {
    jdbc.sql("INSERT INTO sms_event (kind, outcome, received_at) VALUES ('status', 'delivered', ?)").param(utc(at)).update();
  }

  private List<Long> ids(String sql) {
    return jdbc.sql(sql).query(Long.class).list();
  }

  private static OffsetDateTime utc(Instant at) {
    return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
  }
}
