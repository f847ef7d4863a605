package dev.journeys.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.MigratedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A handler marks its event done in the transaction of its last effect: the mark commits or rolls
 * back with that transaction, and the inbox marks the event itself only when no such commit happened.
 */
class InboxCompletionTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
  private static final String TOPIC = "test/completion";

  private MigratedDatabase database;
  private InboxStore store;

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void anEffectAndItsDoneMarkCommitTogether(String kind) {
    InboxEntry done = process(kind, (entry, completion) -> {
      database.transactions().executeWithoutResult(status -> {
        recordEffect(entry);
        completion.completeWithin("effect recorded");
      });
      return "returned";
    });

    assertThat(done).extracting(InboxEntry::state, InboxEntry::outcome)
        .containsExactly(InboxEntry.State.DONE, "effect recorded");
    assertThat(effects()).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aRolledBackDoneMarkLeavesTheEventToTheInbox(String kind) {
    InboxEntry done = process(kind, (entry, completion) -> {
      try {
        database.transactions().executeWithoutResult(status -> {
          recordEffect(entry);
          completion.completeWithin("never committed");
          status.setRollbackOnly();
        });
      } catch (RuntimeException ignored) {
        // the handler goes on another way
      }
      return "done another way";
    });

    assertThat(done).extracting(InboxEntry::state, InboxEntry::outcome)
        .containsExactly(InboxEntry.State.DONE, "done another way");
    assertThat(effects()).isZero();
  }

  @ParameterizedTest
  @MethodSource("dev.journeys.MigratedDatabase#kinds")
  void aDoneMarkOutsideATransactionFailsTheAttempt(String kind) {
    InboxEntry failed = process(kind, (entry, completion) -> {
      completion.completeWithin("no transaction");
      return "unreachable";
    });

    assertThat(failed.state()).isEqualTo(InboxEntry.State.PENDING);
    assertThat(failed.lastError()).contains("Expected a transaction to complete inbox event " + failed.id());
  }

  /** Stores one event, claims it and has the inbox process it with the given handler. */
  private InboxEntry process(String kind, BiFunction<InboxEntry, InboxCompletion, String> handle) {
    database = MigratedDatabase.open(kind);
    database.jdbc().sql("CREATE TABLE test_effect (inbox_id BIGINT PRIMARY KEY)").update();
    store = new InboxStore(database.jdbc(), database.transactions());
    InboxHandler handler = new InboxHandler() {
      @Override
      public List<String> topics() {
        return List.of(TOPIC);
      }

      @Override
      public String handle(InboxEntry entry) {
        throw new AssertionError("the inbox is expected to offer a completion");
      }

      @Override
      public String handle(InboxEntry entry, InboxCompletion completion) {
        return handle.apply(entry, completion);
      }
    };
    InboxProcessor processor = new InboxProcessor(List.of(handler), store,
        new OrderStore(database.jdbc(), database.transactions()),
        new InboxProperties(Duration.ofMillis(500), 1, Duration.ofMinutes(5), Duration.ofSeconds(1),
            Duration.ofMinutes(5), 10),
        Clock.fixed(T0, ZoneOffset.UTC));
    long id = store.insert(
        new InboxEntry.New("test", TOPIC, null, "key-" + kind, null, null, "{}"), T0).entry().id();
    List<InboxEntry> claimed = store.claim(T0, T0.plus(Duration.ofMinutes(5)), 10);
    assertThat(claimed).extracting(InboxEntry::id).containsExactly(id);

    processor.process(claimed.get(0));

    return store.find(id).orElseThrow();
  }

  private void recordEffect(InboxEntry entry) {
    database.jdbc().sql("INSERT INTO test_effect (inbox_id) VALUES (?)").param(entry.id()).update();
  }

  private int effects() {
    return database.jdbc().sql("SELECT COUNT(*) FROM test_effect").query(Integer.class).single();
  }
}
