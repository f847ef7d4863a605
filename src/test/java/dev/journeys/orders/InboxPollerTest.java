package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.dao.QueryTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InboxPollerTest {

  @ParameterizedTest
  @CsvSource({
    "jdbc:h2:file:./data/journeys;WRITE_DELAY=0, true",
    "jdbc:h2:./data/journeys, true",
    "jdbc:h2:mem:test;DB_CLOSE_DELAY=-1, true",
    "JDBC:H2:FILE:/var/journeys, true",
    "jdbc:h2:file:./data/journeys;AUTO_SERVER=TRUE, false",
    "jdbc:h2:tcp://localhost/~/journeys, false",
    "jdbc:h2:ssl://db.example/journeys, false",
    "jdbc:postgresql://127.0.0.1:5432/test, false",
  })
  void onlyAnEmbeddedH2DatabaseIsKnownToBeThisProcesssAlone(String url, boolean exclusive) {
    assertThat(InboxPoller.isExclusive(url)).isEqualTo(exclusive);
  }

  /**
   * Before processing starts (leases of a dead process not yet released) and after it stops, no new
   * event is handed to a worker: it is stored to wait for the poller.
   */
  @Test
  void noSlotIsFreeBeforeTheSlotsAreOpenedOrAfterTheyAreClosed() {
    InboxSlots slots = new InboxSlots(new InboxProperties(
        Duration.ofMillis(500), 3, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(5), 10));
    assertThat(slots.tryTake()).isFalse();
    assertThat(slots.takeUpTo(3)).isZero();

    slots.open();
    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.takeUpTo(5)).isEqualTo(2);
    assertThat(slots.tryTake()).isFalse();
    slots.give(3);

    slots.close();
    assertThat(slots.tryTake()).isFalse();
    assertThat(slots.takeUpTo(3)).isZero();
  }

  /**
   * On an embedded H2 file a start-up takes back every event a dead process left PROCESSING, in one
   * UPDATE. A reliability run at 50/s with a backlog of thousands saw that UPDATE time out on a
   * lock, and the app did not start at all. Now it starts, and those events wait for their leases.
   */
  @Test
  void aStartUpThatCannotTakeBackTheDeadProcesssEventsStillStartsProcessing() {
    try (MigratedDatabase database = MigratedDatabase.open("h2")) {
      InboxProperties properties = new InboxProperties(
          Duration.ofMillis(500), 3, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(5), 10);
      InboxSlots slots = new InboxSlots(properties);
      InboxStore lockedOut = new InboxStore(database.jdbc(), database.transactions()) {
        @Override
        int releaseAllLeases(Instant now) {
          throw new QueryTimeoutException("Timeout trying to lock table INBOX");
        }
      };
      InboxPoller poller = new InboxPoller(lockedOut, null, properties, slots, Clock.systemUTC(), database.dataSource());

      poller.startPolling();

      assertThat(poller.isRunning()).isTrue();
      assertThat(slots.tryTake()).as("a worker slot, once processing started").isTrue();
      poller.stop();
    }
  }
}
