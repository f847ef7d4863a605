package dev.journeys.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Claims due inbox events, in batches of up to {@link InboxSlots#capacity()}, and processes them on
 * virtual threads, at most {@code journeys.orders.inbox.concurrency} at a time. Starts once the
 * application is ready, i.e. after the journeys are deployed, and picks up where a previous run
 * stopped: the state is all in the table.
 */
@Component
class InboxPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

  private final InboxStore store;
  private final InboxProcessor processor;
  private final InboxProperties properties;
  private final InboxSlots slots;
  private final boolean exclusiveDatabase;
  private final AtomicBoolean pollQueued = new AtomicBoolean();
  private final Clock clock;
  private final java.util.concurrent.atomic.AtomicLong pollsDone = new java.util.concurrent.atomic.AtomicLong();
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("inbox-poller").daemon().factory());
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("inbox-", 0).factory());
  private volatile boolean running;

  InboxPoller(
      InboxStore store, InboxProcessor processor, InboxProperties properties, InboxSlots slots,
      Clock clock, DataSource dataSource) {
    this.clock = clock;
    this.store = store;
    this.processor = processor;
    this.properties = properties;
    this.slots = slots;
    this.exclusiveDatabase = isExclusive(dataSource);
  }

  @EventListener(ApplicationReadyEvent.class)
  void startPolling() {
    if (exclusiveDatabase) {
      // No other process can have this database open: events still PROCESSING were being handled
      // by a process that died, and need not wait for their leases to pass.
      try {
        int released = store.releaseAllLeases(clock.instant());
        if (released > 0) {
          log.info("Took back {} inbox event(s) a previous run had not finished", released);
        }
      } catch (DataAccessException e) {
        // A lock timeout on a big backlog must not stop the start: the events are claimed again
        // when their leases pass, as on a shared database.
        log.warn("Could not take back the inbox events a previous run had not finished ({}); they are "
            + "claimed again when their leases pass", e.getMessage());
      }
    }
    running = true;
    slots.open();
    long millis = properties.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::poll, 0, millis, TimeUnit.MILLISECONDS);
    log.info("Inbox processing started: polling every {}, {} at a time", properties.pollInterval(), properties.concurrency());
  }

  /**
   * New work, after the storing commit: an event claimed as it was stored runs at once on the slot
   * it holds; otherwise poll now rather than at the next interval.
   */
  @TransactionalEventListener(fallbackExecution = true)
  void workArrived(Inbox.WorkArrived event) {
    if (event.claimed() == null) {
      nudge();
      return;
    }
    try {
      workers.execute(() -> run(event.claimed()));
    } catch (java.util.concurrent.RejectedExecutionException stopping) {
      // Shutting down: the event keeps its lease and is taken back after the restart.
      slots.give(1);
    }
  }

  /** The storing transaction rolled back: the event was never stored, its slot is free again. */
  @TransactionalEventListener(phase = TransactionPhase.AFTER_ROLLBACK)
  void workWithdrawn(Inbox.WorkArrived event) {
    if (event.claimed() != null) {
      slots.give(1);
    }
  }

  /**
   * Stops polling in the lifecycle's stop phase, while the database and the engine are still there:
   * events being processed get up to 10 s to finish; unfinished ones keep their lease and are
   * claimed again after a restart.
   */
  @Override
  public void stop() {
    running = false;
    slots.close();
    // No interrupts: a thread interrupted inside H2's file I/O closes the database file for every
    // connection (ClosedChannelException), so the events still running could not record their
    // outcome. A poll in progress is short; later ones see running == false.
    scheduler.shutdown();
    workers.shutdown();
    try {
      scheduler.awaitTermination(5, TimeUnit.SECONDS);
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polling starts with {@link #startPolling()}, once the journeys are deployed, not at refresh. */
  @Override
  public void start() {}

  @Override
  public boolean isAutoStartup() {
    return false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void nudge() {
    if (running && pollQueued.compareAndSet(false, true)) {
      try {
        scheduler.execute(this::poll);
      } catch (java.util.concurrent.RejectedExecutionException stopping) {
        pollQueued.set(false);
      }
    }
  }

  /** Polls finished since start, for tests that must not race the first one. */
  long pollsDone() {
    return pollsDone.get();
  }

  private void poll() {
    pollQueued.set(false);
    try {
      if (!running) {
        return;
      }
      int taken = slots.takeUpTo(slots.capacity());
      if (taken == 0) {
        return;
      }
      Instant now = clock.instant();
      long waitingMark = slots.waitingMark();
      List<InboxEntry> claimed;
      try {
        claimed = store.claim(now, now.plus(properties.lease()), taken);
      } catch (RuntimeException e) {
        slots.give(taken);
        throw e;
      }
      if (claimed.size() < taken) {
        slots.noneWaiting(waitingMark); // new events may take a free slot themselves again
      }
      slots.give(taken - claimed.size()); // the slots nothing was claimed for
      for (InboxEntry entry : claimed) {
        workers.execute(() -> run(entry));
      }
      if (claimed.size() == taken) {
        nudge(); // there may be more
      }
    } catch (RuntimeException e) {
      // The database may be away for a moment: the next poll tries again.
      log.warn("Could not poll the inbox: {}", e.getMessage());
    } finally {
      pollsDone.incrementAndGet();
    }
  }

  private void run(InboxEntry entry) {
    try {
      // Stopped while it waited its turn: it keeps its lease and is claimed again after a restart.
      slots.runInTurn(() -> processor.process(entry));
    } catch (RuntimeException e) {
      // The event keeps its lease and is claimed again when the lease passes.
      log.error("Could not record the outcome of inbox event {}", entry.id(), e);
    } finally {
      slots.give(1);
      // Look for more once a batch's worth of slots is free, or at once while nothing waits in the
      // table (an event that waited for this one of its order is due now).
      if (slots.waitingMark() == 0 || slots.free() >= properties.concurrency()) {
        nudge();
      }
    }
  }

  /**
   * True for an embedded H2 database (a file or memory): H2 locks the file, so no other process
   * has it open. A server (tcp, AUTO_SERVER) or any other database may be shared.
   */
  static boolean isExclusive(DataSource dataSource) {
    try (java.sql.Connection connection = dataSource.getConnection()) {
      return isExclusive(connection.getMetaData().getURL());
    } catch (java.sql.SQLException e) {
      return false;
    }
  }

  static boolean isExclusive(String url) {
    if (url == null || !url.regionMatches(true, 0, "jdbc:h2:", 0, 8)) {
      return false;
    }
    String rest = url.substring(8).toLowerCase(java.util.Locale.ROOT);
    return !rest.startsWith("tcp:") && !rest.startsWith("ssl:") && !rest.contains("auto_server=true");
  }
}
