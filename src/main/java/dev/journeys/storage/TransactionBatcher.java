package dev.journeys.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs small units of database work from many threads in shared transactions: one thread takes
 * whatever has queued up, runs each unit behind a savepoint of its own and commits them together;
 * each caller returns once the commit that holds its work is done, with its own result or failure.
 *
 * <p>A commit is the expensive part of a short write: an embedded H2 file writes every page changed
 * since the last commit, and PostgreSQL flushes its log. Requests that each change a row or two (an
 * SMS status callback) therefore cost a commit each when they arrive one per thread; here they share
 * one. No unit waits for others to arrive: under light load a batch is one unit.
 *
 * <p>Units run on the batcher's thread, not the caller's: they must be plain database work through
 * the app's transaction-aware data access, without thread-bound state. A unit that throws is rolled
 * back to its savepoint and gets its exception; the others still commit. If the commit fails, every
 * unit of the batch gets that failure.
 */
public final class TransactionBatcher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TransactionBatcher.class);
  private static final int MAX_BATCH = 256;

  private final String name;
  private final PlatformTransactionManager transactions;
  private final LinkedBlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
  private volatile Thread writer;
  private volatile boolean running;

  public TransactionBatcher(String name, PlatformTransactionManager transactions) {
    this.name = name;
    this.transactions = transactions;
  }

  /**
   * Runs the work in a shared transaction and returns its result once that transaction committed.
   * Inside a transaction of the caller's, runs it there, on the calling thread. Before
   * {@link #start()} or after {@link #stop()}, runs it in a transaction of its own on the calling
   * thread.
   *
   * @throws RuntimeException what the work threw, or what the commit threw
   */
  public <T> T execute(Supplier<T> work) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      // Part of the caller's transaction: it commits with the caller's other work, and does not
      // wait for a batch that might wait for the caller's locks.
      return work.get();
    }
    if (!running) {
      return alone(work);
    }
    Unit<T> unit = new Unit<>(work);
    queue.add(unit);
    if (!running && queue.remove(unit)) {
      return alone(work);
    }
    return unit.await();
  }

  private <T> T alone(Supplier<T> work) {
    return new TransactionTemplate(transactions).execute(status -> work.get());
  }

  private void loop() {
    List<Unit<?>> batch = new ArrayList<>(MAX_BATCH);
    while (running || !queue.isEmpty()) {
      try {
        Unit<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        run(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        batch.clear();
      }
    }
  }

  private void run(List<Unit<?>> batch) {
    TransactionStatus status;
    try {
      status = transactions.getTransaction(new DefaultTransactionDefinition());
    } catch (RuntimeException e) {
      batch.forEach(unit -> unit.fail(e));
      return;
    }
    try {
      for (Unit<?> unit : batch) {
        Object savepoint = status.createSavepoint();
        try {
          unit.run();
          status.releaseSavepoint(savepoint);
        } catch (RuntimeException | Error e) {
          status.rollbackToSavepoint(savepoint);
          unit.fail(e);
        }
      }
      transactions.commit(status);
    } catch (RuntimeException | Error e) {
      if (!status.isCompleted()) {
        try {
          transactions.rollback(status);
        } catch (RuntimeException rollback) {
          e.addSuppressed(rollback);
        }
      }
      log.warn("{}: a shared transaction of {} units failed: {}", name, batch.size(), e.toString());
      batch.forEach(unit -> unit.fail(e));
      return;
    }
    batch.forEach(Unit::succeed);
  }

  @Override
  public void start() {
    running = true;
    writer = Thread.ofPlatform().name(name).daemon().start(this::loop);
  }

  /** Lets queued units finish; new ones run alone on their callers' threads. */
  @Override
  public void stop() {
    running = false;
    Thread thread = writer;
    if (thread != null) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(30));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Units waiting for the writer. */
  int queued() {
    return queue.size();
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before and stops after the web server and the workers that hand it units. */
  @Override
  public int getPhase() {
    return Integer.MIN_VALUE + 1000;
  }

  /** One caller's work; its future completes once, with its own failure or the batch's outcome. */
  private static final class Unit<T> {
    private final Supplier<T> work;
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private T result;

    Unit(Supplier<T> work) {
      this.work = work;
    }

    void run() {
      result = work.get();
    }

    /** No effect on a unit that already failed on its own. */
    void fail(Throwable e) {
      done.completeExceptionally(e);
    }

    void succeed() {
      done.complete(result);
    }

    /** Not interruptible: the work may be committed already, so the caller waits for the outcome. */
    T await() {
      try {
        return done.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw e;
      }
    }
  }
}
