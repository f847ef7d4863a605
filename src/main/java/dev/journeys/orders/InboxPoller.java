package dev.journeys.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Claims due inbox events and processes them on virtual threads, at most
 * {@code journeys.orders.inbox.concurrency} at a time. Starts once the application is ready, i.e.
 * after the journeys are deployed, and picks up where a previous run stopped: the state is all in
 * the table.
 */
@Component
class InboxPoller implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(InboxPoller.class);

  private final InboxStore store;
  private final InboxProcessor processor;
  private final InboxProperties properties;
  private final Semaphore permits;
  private final AtomicBoolean pollQueued = new AtomicBoolean();
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("inbox-poller").daemon().factory());
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("inbox-", 0).factory());
  private volatile boolean running;

  InboxPoller(InboxStore store, InboxProcessor processor, InboxProperties properties, Clock clock) {
    this.clock = clock;
    this.store = store;
    this.processor = processor;
    this.properties = properties;
    this.permits = new Semaphore(properties.concurrency());
  }

  @EventListener(ApplicationReadyEvent.class)
  void startPolling() {
    running = true;
    long millis = properties.pollInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::poll, 0, millis, TimeUnit.MILLISECONDS);
    log.info("Inbox processing started: polling every {}, {} at a time", properties.pollInterval(), properties.concurrency());
  }

  /** New work: poll now rather than at the next interval. Runs after the storing commit. */
  @TransactionalEventListener(fallbackExecution = true)
  void workArrived(Inbox.WorkArrived event) {
    nudge();
  }

  /**
   * Stops polling in the lifecycle's stop phase, while the database and the engine are still there:
   * events being processed get up to 10 s to finish; unfinished ones keep their lease and are
   * claimed again after a restart.
   */
  @Override
  public void stop() {
    running = false;
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

  private void poll() {
    pollQueued.set(false);
    try {
      int free = permits.availablePermits();
      if (!running || free == 0) {
        return;
      }
      Instant now = clock.instant();
      List<InboxEntry> claimed = store.claim(now, now.plus(properties.lease()), free);
      for (InboxEntry entry : claimed) {
        permits.acquireUninterruptibly();
        workers.execute(() -> run(entry));
      }
      if (claimed.size() == free) {
        nudge(); // there may be more
      }
    } catch (RuntimeException e) {
      // The database may be away for a moment: the next poll tries again.
      log.warn("Could not poll the inbox: {}", e.getMessage());
    }
  }

  private void run(InboxEntry entry) {
    try {
      processor.process(entry);
    } catch (RuntimeException e) {
      // The event keeps its lease and is claimed again when the lease passes.
      log.error("Could not record the outcome of inbox event {}", entry.id(), e);
    } finally {
      permits.release();
      nudge();
    }
  }
}
