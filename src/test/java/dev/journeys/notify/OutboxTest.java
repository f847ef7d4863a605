package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The outbox on H2 and, when configured, PostgreSQL. */
class OutboxTest {

  private static final Duration LEASE = Duration.ofMinutes(2);

  private MigratedDatabase database;
  private Outbox outbox;

  private void open(String kind) {
    database = MigratedDatabase.open(kind);
    outbox = new Outbox(database.jdbc(), java.time.Clock.systemUTC(), database.transactions());
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void oneWorkerSendsAndASentMessageIsNeverSentAgain(String kind) {
    open(kind);
    Outbox.Entry entry = entry(42L, 1L);

    assertThat(outbox.claim(entry, LEASE)).isEqualTo(Outbox.Claim.CLAIMED);
    assertThat(outbox.claim(entry(42L, 2L), LEASE)).isEqualTo(Outbox.Claim.BUSY);
    outbox.markSent(entry);

    assertThat(outbox.claim(entry(42L, 3L), LEASE)).isEqualTo(Outbox.Claim.SENT);
    assertThat(outbox.status(entry)).isEqualTo("SENT");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aFailedSendIsReleasedForTheRetry(String kind) {
    open(kind);
    Outbox.Entry entry = entry(42L, 1L);
    outbox.claim(entry, LEASE);

    outbox.release(entry, "421 try later");

    assertThat(outbox.claim(entry(42L, 2L), LEASE)).isEqualTo(Outbox.Claim.CLAIMED);
    assertThat(database.jdbc().sql("SELECT attempts FROM outbox").query(Integer.class).single())
        .isEqualTo(2);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aLeaseThatRanOutMayBeClaimedByAnotherWorker(String kind) throws Exception {
    open(kind);
    outbox.claim(entry(42L, 1L), Duration.ofMillis(1));
    Thread.sleep(20);

    assertThat(outbox.claim(entry(42L, 2L), LEASE)).isEqualTo(Outbox.Claim.CLAIMED);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void takingOverASendWhoseLeaseRanOutLeavesUsUnsureSinceThatAttempt(String kind) throws Exception {
    open(kind);
    outbox.claim(entry(42L, 1L), Duration.ofMillis(1));
    java.time.OffsetDateTime firstClaim = database.jdbc().sql("SELECT claimed_at FROM outbox")
        .query(java.time.OffsetDateTime.class).single();
    Thread.sleep(20);
    assertThat(outbox.unsureSince(entry(42L, 1L))).isNull();

    outbox.claim(entry(42L, 2L), LEASE);

    assertThat(outbox.unsureSince(entry(42L, 2L))).isNotNull().isEqualTo(firstClaim);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aFailureThatSaysTheMessageWasNotTakenLeavesNoDoubtButAnUnansweredOneDoes(String kind) {
    open(kind);
    outbox.claim(entry(42L, 1L), LEASE);
    outbox.release(entry(42L, 1L), "HTTP 503");
    outbox.claim(entry(42L, 2L), LEASE);
    assertThat(outbox.unsureSince(entry(42L, 2L))).isNull();

    outbox.releaseUnsure(entry(42L, 2L), "HttpTimeoutException: request timed out");
    outbox.claim(entry(42L, 3L), LEASE);
    outbox.release(entry(42L, 3L), "HTTP 503");

    assertThat(outbox.unsureSince(entry(42L, 3L))).as("a later known failure does not clear an earlier doubt").isNotNull();
    assertThat(outbox.claim(entry(42L, 4L), LEASE)).isEqualTo(Outbox.Claim.CLAIMED);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void knowsWhichProviderIdsAreOurs(String kind) {
    open(kind);
    outbox.claim(entry(42L, 1L), LEASE);
    outbox.markSent(entry(42L, 1L), "SM42", "queued");

    assertThat(outbox.holdsProviderId("SM42")).isTrue();
    assertThat(outbox.holdsProviderId("SM43")).isFalse();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void eachElementInstanceHasItsOwnRow(String kind) {
    open(kind);
    outbox.claim(entry(42L, 1L), LEASE);
    outbox.markSent(entry(42L, 1L));

    assertThat(outbox.claim(entry(43L, 5L), LEASE)).isEqualTo(Outbox.Claim.CLAIMED);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aSkippedMessageIsSettledWithItsReasonAndNeverSent(String kind) {
    open(kind);

    assertThat(outbox.skip(entry(42L, 1L), "no-consent")).isEqualTo(Outbox.Claim.SETTLED);

    assertThat(outbox.claim(entry(42L, 2L), LEASE)).isEqualTo(Outbox.Claim.SETTLED);
    assertThat(database.jdbc().sql("SELECT status || ' ' || reason || ' ' || customer_id FROM outbox")
            .query(String.class).single())
        .isEqualTo("SKIPPED no-consent c-1");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aMessageAlreadySentStaysSentWhenConsentIsWithdrawnLater(String kind) {
    open(kind);
    outbox.claim(entry(42L, 1L), LEASE);
    outbox.markSent(entry(42L, 1L));

    assertThat(outbox.skip(entry(42L, 2L), "no-consent")).isEqualTo(Outbox.Claim.SENT);
    assertThat(outbox.status(entry(42L, 2L))).isEqualTo("SENT");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aRejectedMessageIsSettled(String kind) {
    open(kind);
    outbox.claim(entry(42L, 1L), LEASE);

    outbox.markRejected(entry(42L, 1L), "550 5.1.1 user unknown");

    assertThat(outbox.claim(entry(42L, 2L), LEASE)).isEqualTo(Outbox.Claim.SETTLED);
    assertThat(outbox.status(entry(42L, 2L))).isEqualTo("REJECTED");
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aCustomerOnlyMessageHasNoOrder(String kind) {
    open(kind);
    Outbox.Entry anniversary =
        new Outbox.Entry(7L, Channel.EMAIL, 1L, null, "c-1", "anniversary-thank-you", "<7.email@x>");

    assertThat(outbox.claim(anniversary, LEASE)).isEqualTo(Outbox.Claim.CLAIMED);
  }

  private static Outbox.Entry entry(long elementInstanceKey, long jobKey) {
    return new Outbox.Entry(
        elementInstanceKey,
        Channel.EMAIL,
        jobKey,
        "A-1",
        "c-1",
        "order-confirmation",
        Outbox.messageId(elementInstanceKey, Channel.EMAIL, "journeys.local"));
  }
}
