package dev.journeys.orders;

import java.time.Clock;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a handler mark its event done inside the transaction that records its last effect, so the
 * effect and "done" commit together: one commit (and one write of the H2 file) fewer per event, and
 * no moment at which the effect is recorded but the event still looks unprocessed.
 *
 * <p>The inbox marks the event done itself unless such a transaction committed.
 */
final class InboxCompletion {

  private final InboxStore store;
  private final long eventId;
  private final Clock clock;
  private volatile boolean committed;

  InboxCompletion(InboxStore store, long eventId, Clock clock) {
    this.store = store;
    this.eventId = eventId;
    this.clock = clock;
  }

  /**
   * Marks the event done with this outcome as part of the caller's transaction; if that transaction
   * rolls back, the event stays as it was.
   *
   * @throws IllegalStateException when no transaction is active
   */
  void completeWithin(String outcome) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      throw new IllegalStateException("Expected a transaction to complete inbox event " + eventId + " in, but none is active");
    }
    store.complete(eventId, outcome, clock.instant());
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        committed = true;
      }
    });
  }

  /** Whether the event was marked done in a transaction that committed. */
  boolean committed() {
    return committed;
  }
}
