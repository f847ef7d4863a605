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
    assertThat(slots.capacity()).as("held: three running, nine waiting their turn").isEqualTo(12);
    assertThat(slots.tryTake()).isTrue();
    assertThat(slots.takeUpTo(20)).isEqualTo(11);
    assertThat(slots.tryTake()).isFalse();
    slots.give(12);

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
      // The first poll, at once, holds the slots for a moment.
      org.awaitility.Awaitility.await("a worker slot, once processing started")
          .atMost(Duration.ofSeconds(5)).until(slots::tryTake);
      poller.stop();
    }
  }

  /**
   * Under load the slot a finished event gave back went to the next new event, and events already
   * waiting in the table for the poller starved (p50 47 ms but p99 20 s at 100 orders/s). Now a new
   * event waits in line behind them, and the poller takes the one that waited longest.
   */
  @Test
  void aNewEventWaitsInLineBehindEventsStoredForThePoller() throws Exception {
    try (MigratedDatabase database = MigratedDatabase.open("h2")) {
      InboxProperties properties = new InboxProperties(
          Duration.ofMinutes(10), 1, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofMinutes(5), 10);
      InboxSlots slots = new InboxSlots(properties);
      InboxStore store = new InboxStore(database.jdbc(), database.transactions());
      Inbox inbox = new Inbox(store, slots, properties, event -> { }, Clock.systemUTC(),
          new dev.journeys.storage.TransactionBatcher("test-writer", database.transactions().getTransactionManager()));
      java.util.concurrent.BlockingQueue<String> processed = new java.util.concurrent.LinkedBlockingQueue<>();
      InboxHandler recorder = new InboxHandler() {
        @Override
        public java.util.List<String> topics() {
          return java.util.List.of("orders/create");
        }

        @Override
        public String handle(InboxEntry entry) {
          processed.add(entry.orderId());
          return "recorded";
        }
      };
      InboxPoller poller = new InboxPoller(store,
          new InboxProcessor(java.util.List.of(recorder), store, null, properties, Clock.systemUTC()),
          properties, slots, Clock.systemUTC(), database.dataSource());
      poller.startPolling(); // opens the one slot; the scheduled polls are 10 minutes apart
      // The first poll, at once on the empty table, holds the slot for a moment: wait until it is over.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> poller.pollsDone() >= 1);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(slots::tryTake);
      slots.give(1);

      // One worker, four held: the first four are claimed as they are stored (and never run here).
      for (int i = 0; i < InboxSlots.HELD_PER_WORKER; i++) {
        assertThat(inbox.accept(order("held-" + i)).entry().state()).isEqualTo(InboxEntry.State.PROCESSING);
      }
      InboxEntry second = inbox.accept(order("2")).entry();
      slots.give(1); // one held event finished (without the poller, which would nudge)
      InboxEntry third = inbox.accept(order("3")).entry();

      assertThat(second.state()).as("the second, with none free").isEqualTo(InboxEntry.State.PENDING);
      assertThat(third.state()).as("the third, though a slot was free: the second waits").isEqualTo(InboxEntry.State.PENDING);

      // A poll takes the second, then the third (each finishing nudges the next poll).
      poller.workArrived(new Inbox.WorkArrived(null));
      assertThat(processed.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("2");
      assertThat(processed.poll(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("3");

      // Nothing waits any more: a new event takes a free slot itself again.
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> slots.waitingMark() == 0);
      assertThat(inbox.accept(order("4")).entry().state()).isEqualTo(InboxEntry.State.PROCESSING);
      poller.stop();
    }
  }

  private static InboxEntry.New order(String id) {
    return new InboxEntry.New("shopify", "orders/create", "delivery-" + id, "order-" + id, id, "2025-01", "{}");
  }
}
