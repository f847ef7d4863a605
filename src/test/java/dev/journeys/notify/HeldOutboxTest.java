package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Messages held for quiet hours, on H2 and, when configured, PostgreSQL. */
class HeldOutboxTest {

  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final Instant EVENING = Instant.parse("2030-06-03T20:00:00Z");
  private static final OffsetDateTime MORNING = OffsetDateTime.of(2030, 6, 4, 6, 0, 0, 0, ZoneOffset.UTC);

  private MigratedDatabase database;
  private final MutableClock clock = new MutableClock(EVENING);
  private Outbox outbox;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    outbox = new Outbox(database.jdbc(), clock, database.transactions());
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aHeldMessageIsClaimedOnceWhenItFallsDue(String kind) {
    open(kind);
    Outbox.Entry entry = entry(1L);

    assertThat(outbox.hold(entry, MORNING, "{\"purpose\":\"TRANSACTIONAL\",\"facts\":{}}", "quiet-hours"))
        .isEqualTo(Outbox.Claim.HELD);
    // A retried job of the same task before morning: still held, nothing to send.
    assertThat(outbox.claim(entry(2L), LEASE)).isEqualTo(Outbox.Claim.HELD);
    assertThat(outbox.hold(entry(2L), MORNING, "{}", "quiet-hours")).isEqualTo(Outbox.Claim.HELD);

    clock.set(MORNING.toInstant());
    assertThat(outbox.claim(entry(3L), LEASE)).isEqualTo(Outbox.Claim.CLAIMED);
    assertThat(outbox.claim(entry(4L), LEASE)).as("a second poller").isEqualTo(Outbox.Claim.BUSY);
    outbox.markSent(entry);
    assertThat(outbox.claim(entry(5L), LEASE)).isEqualTo(Outbox.Claim.SENT);
    assertThat(database.jdbc().sql("SELECT status, reason, held_until FROM outbox")
            .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " "
                + rs.getObject(3, OffsetDateTime.class).toInstant())
            .single())
        .isEqualTo("SENT quiet-hours 2030-06-04T06:00:00Z");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void consentWithdrawnWhileHeldSkipsItWhenDue(String kind) {
    open(kind);
    outbox.hold(entry(1L), MORNING, "{}", "quiet-hours");
    clock.set(MORNING.toInstant().plusSeconds(1));

    assertThat(outbox.skip(entry(2L), "no-sms-consent")).isEqualTo(Outbox.Claim.SETTLED);
    assertThat(outbox.status(entry(3L))).isEqualTo("SKIPPED");
  }

  private static Outbox.Entry entry(long jobKey) {
    return new Outbox.Entry(42L, new Channel("sms"), jobKey, "#1001", "c-1", "shipping-update", "<42.sms@shop.test>");
  }
}
