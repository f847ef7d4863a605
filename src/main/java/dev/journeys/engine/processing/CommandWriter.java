package dev.journeys.engine.processing;

import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.feel.FeelExpressions;
import dev.journeys.engine.state.EngineState;
import dev.journeys.engine.state.TimerRecord;
import dev.journeys.engine.state.WriterFence;
import dev.journeys.engine.state.WriterLeaseLostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread owns engine state and applies commands from a queue, many per
 * database transaction. A command's caller hears back only after the commit, so whatever was
 * acknowledged survives a crash; a rejected command is rolled back to its savepoint alone.
 */
public final class CommandWriter implements AutoCloseable {

  /** A unit of work applied on the writer thread. */
  @FunctionalInterface
  public interface Command<T> {
    T apply(Processing processing);
  }

  private record Pending<T>(Command<T> command, CompletableFuture<T> future, long submittedAt) {}

  private static final Logger LOG = LoggerFactory.getLogger(CommandWriter.class);
  private static final Pending<Void> WAKE = new Pending<>(p -> null, new CompletableFuture<>(), 0);
  private static final long MAX_IDLE_MILLIS = 1000;
  private static final int TIMERS_PER_BATCH = 500;

  private final DataSource dataSource;
  private final EngineClock clock;
  private final FeelExpressions feel;
  private final ProcessModels models;
  private final ResultWaiters resultWaiters = new ResultWaiters();
  private final int maxBatchSize;
  private final Consumer<Set<String>> jobsAvailable;
  private final EngineListener listener;
  private final WriterFence fence;
  private final LinkedBlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private EngineState state;
  private Processing processing;
  private long nextDueAt = Long.MAX_VALUE;

  public CommandWriter(
      DataSource dataSource, EngineClock clock, FeelExpressions feel, ProcessModels models, int maxBatchSize,
      Consumer<Set<String>> jobsAvailable) {
    this(dataSource, clock, feel, models, maxBatchSize, jobsAvailable, EngineListener.NONE);
  }

  public CommandWriter(
      DataSource dataSource, EngineClock clock, FeelExpressions feel, ProcessModels models, int maxBatchSize,
      Consumer<Set<String>> jobsAvailable, EngineListener listener) {
    this(dataSource, clock, feel, models, maxBatchSize, jobsAvailable, listener, WriterFence.NONE);
  }

  /** A writer that checks {@code fence} in every batch before it commits (see WriterLease). */
  public CommandWriter(
      DataSource dataSource, EngineClock clock, FeelExpressions feel, ProcessModels models, int maxBatchSize,
      Consumer<Set<String>> jobsAvailable, EngineListener listener, WriterFence fence) {
    this.fence = fence;
    this.listener = GuardedListener.of(listener);
    this.dataSource = dataSource;
    this.clock = clock;
    this.feel = feel;
    this.models = models;
    this.maxBatchSize = maxBatchSize;
    this.jobsAvailable = jobsAvailable;
    connect();
    this.nextDueAt = 0; // release whatever timed out while the engine was down
    this.thread = new Thread(this::loop, "journeys-engine-writer");
    clock.onMoved(this::wakeUp);
  }

  public void start() {
    thread.start();
  }

  /** Whether the writer thread is alive and accepting commands: false once it died or was closed. */
  public boolean alive() {
    return running && thread.isAlive();
  }

  public ResultWaiters resultWaiters() {
    return resultWaiters;
  }

  public <T> CompletableFuture<T> submit(Command<T> command) {
    CompletableFuture<T> future = new CompletableFuture<>();
    if (!running) {
      future.completeExceptionally(new IllegalStateException("Expected the engine to run, but it is stopping"));
      return future;
    }
    queue.add(new Pending<>(command, future, System.nanoTime()));
    return future;
  }

  public void wakeUp() {
    queue.offer(WAKE);
  }

  private void connect() {
    try {
      Connection connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      state = new EngineState(connection);
      processing = new Processing(state, clock, feel, models, resultWaiters, listener);
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to connect to the engine database, but: " + e.getMessage(), e);
    }
  }

  private void loop() {
    List<Pending<?>> batch = new ArrayList<>(maxBatchSize);
    while (running) {
      try {
        long wait = Math.max(0, Math.min(MAX_IDLE_MILLIS, nextDueAt - clock.millis()));
        Pending<?> first = queue.poll(wait, TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, maxBatchSize - 1);
        }
        batch.removeIf(pending -> pending == WAKE);
        if (!batch.isEmpty() || clock.millis() >= nextDueAt) {
          runBatch(batch);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (WriterLeaseLostException e) {
        batch.forEach(pending -> pending.future().completeExceptionally(e));
        rollbackQuietly();
        stopWriting();
      } catch (RuntimeException e) {
        LOG.error("Engine writer failed a batch; reconnecting", e);
        batch.forEach(pending -> pending.future().completeExceptionally(e));
        reconnect();
      } finally {
        batch.clear();
      }
    }
    failQueued();
  }

  private void failQueued() {
    Pending<?> pending;
    while ((pending = queue.poll()) != null) {
      pending.future().completeExceptionally(new IllegalStateException("Expected the engine to run, but it stopped"));
    }
  }

  private void runBatch(List<Pending<?>> batch) {
    Connection connection = state.sql().connection();
    Effects batchEffects = new Effects();
    List<Runnable> replies = new ArrayList<>(batch.size());
    for (Pending<?> pending : batch) {
      replies.add(apply(connection, pending, batchEffects));
    }
    runDueWork(connection, batchEffects);
    state.beforeCommit();
    fence.check(state.sql());
    commit(connection);
    replies.forEach(Runnable::run);
    batchEffects.afterCommitActions().forEach(Runnable::run);
    nextDueAt = Math.min(nextDueAt, batchEffects.earliestDue());
    if (!batchEffects.jobTypesAvailable().isEmpty()) {
      jobsAvailable.accept(batchEffects.jobTypesAvailable());
    }
  }

  private <T> Runnable apply(Connection connection, Pending<T> pending, Effects batchEffects) {
    Savepoint savepoint = savepoint(connection);
    int mark = state.mark();
    try {
      T result = pending.command().apply(processing);
      processing.bpmn().run();
      state.commandDone();
      batchEffects.addAll(processing.swapEffects());
      return () -> {
        pending.future().complete(result);
        listener.commandAnswered(System.nanoTime() - pending.submittedAt(), false);
      };
    } catch (RuntimeException e) {
      rollbackTo(connection, savepoint);
      state.rolledBack(mark);
      processing.bpmn().discard();
      processing.swapEffects();
      if (!(e instanceof Rejection)) {
        LOG.warn("Engine command failed unexpectedly", e);
      }
      return () -> {
        pending.future().completeExceptionally(e);
        listener.commandAnswered(System.nanoTime() - pending.submittedAt(), true);
      };
    }
  }

  /** Releases timed-out jobs and finished backoffs, fires due timers in due order, drops expired messages. */
  private void runDueWork(Connection connection, Effects batchEffects) {
    if (clock.millis() < nextDueAt) {
      return;
    }
    dueStep(connection, batchEffects, () -> {
      processing.jobs().releaseDue();
      processing.messages().removeExpired();
    });
    List<TimerRecord> timers = processing.timers().due(TIMERS_PER_BATCH);
    for (TimerRecord timer : timers) {
      if (!dueStep(connection, batchEffects, () -> processing.timers().fire(timer))) {
        dueStep(connection, batchEffects, () -> processing.timers().postpone(timer));
      }
    }
    nextDueAt = timers.size() == TIMERS_PER_BATCH ? clock.millis() : earliestDue();
  }

  private long earliestDue() {
    long next = Long.MAX_VALUE;
    for (Long due : new Long[] {state.jobs().nextDueAt(), state.timers().nextDueAt(), state.messages().nextExpiry()}) {
      if (due != null) {
        next = Math.min(next, due);
      }
    }
    return next;
  }

  private boolean dueStep(Connection connection, Effects batchEffects, Runnable step) {
    Savepoint savepoint = savepoint(connection);
    int mark = state.mark();
    try {
      step.run();
      processing.bpmn().run();
      state.commandDone();
      batchEffects.addAll(processing.swapEffects());
      return true;
    } catch (RuntimeException e) {
      rollbackTo(connection, savepoint);
      state.rolledBack(mark);
      processing.bpmn().discard();
      processing.swapEffects();
      LOG.warn("Engine failed a due step (timer, job timeout or message expiry); it is retried later", e);
      return false;
    }
  }

  private static Savepoint savepoint(Connection connection) {
    try {
      return connection.setSavepoint();
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to set a savepoint, but: " + e.getMessage(), e);
    }
  }

  private static void rollbackTo(Connection connection, Savepoint savepoint) {
    try {
      connection.rollback(savepoint);
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to roll back a command, but: " + e.getMessage(), e);
    }
  }

  private static void commit(Connection connection) {
    try {
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Expected to commit engine state, but: " + e.getMessage(), e);
    }
  }

  /**
   * Stops applying commands for good: another engine now writes this database (the lease was taken
   * over), so whatever is queued is answered with an error instead of being written.
   */
  public void stopWriting() {
    if (running) {
      LOG.error("Engine writer stops: another engine holds this database's writer lease");
    }
    running = false;
    wakeUp();
  }

  private void rollbackQuietly() {
    try {
      state.sql().connection().rollback();
    } catch (SQLException | RuntimeException ignored) {
      // the connection is likely gone; a new one follows
    }
  }

  private void reconnect() {
    rollbackQuietly();
    state.close();
    while (running) {
      try {
        connect();
        nextDueAt = 0;
        return;
      } catch (RuntimeException e) {
        LOG.warn("Engine database unavailable; retrying in 1 s: {}", e.getMessage());
        try {
          Thread.sleep(1000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    wakeUp(); // no interrupt: it would close H2's file channel under a running statement
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    failQueued();
    state.close();
  }
}
