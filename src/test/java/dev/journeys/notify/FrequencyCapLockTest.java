package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two marketing messages for one customer decided at the same moment, with a cap of one: the second
 * waits for the first to be recorded, counts it and is capped. On H2 and, when configured, PostgreSQL.
 */
class FrequencyCapLockTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-03-01T10:00:00Z"), ZoneOffset.UTC);

  private MigratedDatabase database;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aSecondMarketingMessageDecidedWhileTheFirstIsBeingRecordedCountsItAndIsCapped(String kind) throws Exception {
    database = MigratedDatabase.open(kind);
    database.jdbc().sql("INSERT INTO customers (id, email, created_at, updated_at) VALUES ('c-1', 'c1@example.com', ?, ?)")
        .params(CLOCK.instant().atOffset(ZoneOffset.UTC), CLOCK.instant().atOffset(ZoneOffset.UTC)).update();
    Outbox outbox = new Outbox(database.jdbc(), CLOCK, database.transactions());
    FrequencyCap cap = new FrequencyCap(database.jdbc(), new FrequencyCapProperties(1, Duration.ofDays(7)), CLOCK,
        database.transactions());
    Outbox.Entry first = entry(1L);
    Outbox.Entry second = entry(2L);
    CountDownLatch firstDeciding = new CountDownLatch(1);

    CompletableFuture<FrequencyCap.Admission<Outbox.Claim>> firstAdmission = CompletableFuture.supplyAsync(() ->
        cap.admit(first, Purpose.MARKETING, () -> {
          Outbox.Claim claim = outbox.claim(first, Duration.ofMinutes(2));
          firstDeciding.countDown();
          pause(Duration.ofMillis(700)); // the second one asks meanwhile
          return claim;
        }));
    assertThat(firstDeciding.await(10, TimeUnit.SECONDS)).isTrue();
    long asked = System.nanoTime();
    FrequencyCap.Admission<Outbox.Claim> secondAdmission =
        cap.admit(second, Purpose.MARKETING, () -> outbox.claim(second, Duration.ofMinutes(2)));
    Duration waited = Duration.ofNanos(System.nanoTime() - asked);

    assertThat(firstAdmission.get(10, TimeUnit.SECONDS).capped()).isFalse();
    assertThat(firstAdmission.get().recorded()).isEqualTo(Outbox.Claim.CLAIMED);
    assertThat(secondAdmission.capped()).as("the second counts the first").isTrue();
    assertThat(secondAdmission.cappedBy()).isEqualTo("frequency-cap: 1 marketing messages in 7d");
    assertThat(waited).as("it waited for the first to be recorded").isGreaterThan(Duration.ofMillis(300));
    assertThat(outbox.status(second)).as("nothing recorded for the capped one").isNull();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aTransactionalMessageIsNeitherCappedNorLocked(String kind) {
    database = MigratedDatabase.open(kind);
    Outbox outbox = new Outbox(database.jdbc(), CLOCK, database.transactions());
    FrequencyCap cap = new FrequencyCap(database.jdbc(), new FrequencyCapProperties(1, Duration.ofDays(7)), CLOCK,
        database.transactions());
    outbox.claim(entry(1L), Duration.ofMinutes(2));

    FrequencyCap.Admission<String> admission = cap.admit(entry(2L), Purpose.TRANSACTIONAL, () -> "recorded");

    assertThat(admission.capped()).isFalse();
    assertThat(admission.recorded()).isEqualTo("recorded");
  }

  private static Outbox.Entry entry(long elementInstanceKey) {
    return new Outbox.Entry(elementInstanceKey, Channel.EMAIL, elementInstanceKey, "A-1", "c-1", "photo-invitation",
        Outbox.messageId(elementInstanceKey, Channel.EMAIL, "journeys.local"), Purpose.MARKETING);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
