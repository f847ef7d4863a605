package dev.journeys.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.journeys.UnreachableDatabase;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A message the server accepted while the database was away for a moment (a PostgreSQL restart) is
 * still recorded as sent, once, instead of failing its job and being sent again after the lease.
 */
class MarkSentRetryTest {

  private final UnreachableDatabase database = new UnreachableDatabase();
  private final Outbox outbox = new Outbox(database.jdbc(), Clock.systemUTC(), database.transactions());

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aDatabaseAwayForASecondStillRecordsTheSendOnce() {
    Outbox.Entry entry = entry();
    outbox.claim(entry, Duration.ofMinutes(1));
    database.refuseFor(Duration.ofSeconds(1));

    decisions(Duration.ofMinutes(1)).sent(entry, null, null);

    assertThat(outbox.status(entry)).isEqualTo("SENT");
    outbox.markSent(entry); // again, as after a commit whose answer was lost
    assertThat(database.direct().sql("SELECT COUNT(*) FROM outbox_decision WHERE decision = 'sent'")
        .query(Integer.class).single()).as("sent decisions").isEqualTo(1);
  }

  @Test
  void aDatabaseAwayLongerThanHalfTheLeaseFailsTheSendAndLeavesTheRowLeased() {
    Outbox.Entry entry = entry();
    outbox.claim(entry, Duration.ofMinutes(1));
    database.refuseFor(Duration.ofMinutes(1));

    long start = System.nanoTime();
    assertThatThrownBy(() -> decisions(Duration.ofSeconds(2)).sent(entry, null, null))
        .isInstanceOf(CannotCreateTransactionException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not the whole minute").isLessThan(Duration.ofSeconds(30));
    database.refuseFor(Duration.ZERO);
    assertThat(outbox.status(entry)).isEqualTo("SENDING");
  }

  private OutboxDecisions decisions(Duration sendLease) {
    NotifyProperties p = TestMessages.PROPERTIES;
    return new OutboxDecisions(outbox, new NotifyProperties(p.from(), p.supportEmail(), p.supportUrl(), p.trackingUrl(),
        p.shopUrl(), p.productUrl(), p.reviewUrl(), p.recommendations(), p.recommendationsCache(), p.messageIdDomain(),
        p.unsubscribeMailto(), p.signingSecret(), p.retryBackoff(), sendLease, p.retryBackoffMax()),
        new FrequencyCap(database.jdbc(), new FrequencyCapProperties(2, Duration.ofDays(7)), Clock.systemUTC(),
            database.transactions()), new com.fasterxml.jackson.databind.ObjectMapper());
  }

  private static Outbox.Entry entry() {
    return new Outbox.Entry(42L, Channel.EMAIL, 1L, "A-1", "c-1", "order-confirmation",
        Outbox.messageId(42L, Channel.EMAIL, "journeys.local"));
  }
}
