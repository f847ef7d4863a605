package dev.journeys.engine.feel;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each FEEL evaluation on a thread of its own and waits for it while it has used less than the
 * bound in CPU time (and at most {@value #WALL_FACTOR} bounds of wall time), so a runaway expression
 * costs the single writer about the bound, not forever, and a slow start on a busy machine is no runaway. Past the bound the evaluation
 * is interrupted (the FEEL interpreter checks for that at every step, and {@link GuardedFunctions}
 * where it does not) and abandoned: the caller gets a failure and goes on at once.
 *
 * <p>A thread that ignores the interrupt keeps running; it is counted until it ends. While {@value
 * #MAX_OVERRUNNING} of them run, new evaluations fail at once instead of starting another thread:
 * runaways cannot pile up threads (and cores) without bound.
 */
final class BoundedEvaluation implements AutoCloseable {

  /** Evaluations still running past their bound before new ones are refused; each may hold a core. */
  static final int MAX_OVERRUNNING = 4;
  /** An evaluation that has not used the bound in CPU time yet may take this many bounds of wall time. */
  static final int WALL_FACTOR = 5;
  private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

  private static final Logger LOG = LoggerFactory.getLogger(BoundedEvaluation.class);
  /** Refusals can come by the thousand while runaways hold their threads: one log line per period says it. */
  private static final Duration REFUSALS_LOGGED_EVERY = Duration.ofSeconds(10);
  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int ABANDONED = 2;

  private final Duration bound;
  private final ThreadPoolExecutor threads;
  private final AtomicInteger overrunning = new AtomicInteger();
  private final AtomicLong lastRefusalLogged = new AtomicLong(System.nanoTime() - REFUSALS_LOGGED_EVERY.toNanos() - 1);

  BoundedEvaluation(Duration bound) {
    if (bound.isNegative() || bound.isZero()) {
      throw new IllegalArgumentException("Expected a positive FEEL evaluation bound, but it is " + bound);
    }
    this.bound = bound;
    AtomicInteger count = new AtomicInteger();
    // One thread serves the writer; the others only replace threads still held by overrunning evaluations.
    this.threads = new ThreadPoolExecutor(1, MAX_OVERRUNNING + 1, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "journeys-engine-feel-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  Duration bound() {
    return bound;
  }

  /** The outcome of {@code evaluation}, or a failure naming the expression and element when it ran past the bound. */
  EvaluationResult run(Expression expression, String elementId, Supplier<EvaluationResult> evaluation) {
    int stuck = overrunning.get();
    if (stuck >= MAX_OVERRUNNING) {
      return refused(expression, elementId, stuck);
    }
    Run run = new Run(expression, evaluation);
    try {
      threads.execute(run);
    } catch (RejectedExecutionException e) {
      if (overrunning.get() >= MAX_OVERRUNNING || threads.isShutdown()) {
        return refused(expression, elementId, overrunning.get());
      }
      // No runaway holds the pool: its threads have handed over their results but are not back
      // waiting for work yet (a busy machine). This evaluation gets a thread of its own.
      threads.getThreadFactory().newThread(run).start();
    }
    try {
      if (awaitWithinBound(run)) {
        return run.outcome();
      }
    } catch (InterruptedException e) {
      run.abandon();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Expected to evaluate expression '%s' of element '%s', but the waiting "
          .formatted(expression.source(), elementId) + "thread was interrupted", e);
    }
    if (!run.abandon()) {
      return run.outcome(); // it finished just as the bound passed
    }
    LOG.warn("FEEL expression '{}' of element '{}' ran past the {} ms bound; it was interrupted and failed",
        expression.source(), elementId, bound.toMillis());
    return EvaluationResult.failed("Expected to evaluate expression but timed out after %d ms: '%s' (element '%s')"
        .formatted(bound.toMillis(), text(expression), elementId));
  }

  /**
   * Waits for the evaluation while it has used less than the bound in CPU time, and at most
   * {@value #WALL_FACTOR} times the bound in wall time: a runaway burns CPU and is stopped after the
   * bound's worth of it, while an evaluation that merely waited for a core on a busy machine (or for
   * the JVM to load and compile what it runs for the first time) is not mistaken for one.
   */
  private boolean awaitWithinBound(Run run) throws InterruptedException {
    long started = System.nanoTime();
    long wallCap = bound.toNanos() * WALL_FACTOR;
    long wait = bound.toNanos();
    while (true) {
      if (run.finished.await(wait, TimeUnit.NANOSECONDS)) {
        return true;
      }
      long elapsed = System.nanoTime() - started;
      long cpu = run.cpuNanos();
      if (cpu < 0 || cpu >= bound.toNanos() || elapsed >= wallCap) {
        return false;
      }
      wait = Math.min(bound.toNanos() - cpu, wallCap - elapsed);
    }
  }

  private EvaluationResult refused(Expression expression, String elementId, int stuck) {
    long now = System.nanoTime();
    long last = lastRefusalLogged.get();
    if (now - last > REFUSALS_LOGGED_EVERY.toNanos() && lastRefusalLogged.compareAndSet(last, now)) {
      LOG.error("Not evaluating FEEL expression '{}' of element '{}': {} evaluations that ran past the {} ms bound "
          + "ignore their interruption and still run (refusals of the next {} s are not logged)", expression.source(),
          elementId, stuck, bound.toMillis(), REFUSALS_LOGGED_EVERY.toSeconds());
    }
    return EvaluationResult.failed(("Expected to evaluate expression '%s' of element '%s', but %d earlier evaluations "
        + "that ran past the %d ms bound are still running; it is not started until they end")
        .formatted(text(expression), elementId, stuck, bound.toMillis()));
  }

  /** The FEEL text without the '=' that marks it in the model, as Zeebe quotes it. */
  private static String text(Expression expression) {
    return expression.source().substring(1);
  }

  int overrunning() {
    return overrunning.get();
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }

  /**
   * One evaluation; whichever of the evaluator and the waiting caller moves it out of RUNNING first
   * decides who accounts for its end.
   */
  private final class Run implements Runnable {

    private final Expression expression;
    private final Supplier<EvaluationResult> evaluation;
    private final AtomicInteger state = new AtomicInteger(RUNNING);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile Thread thread;
    private volatile long startedAt;
    private volatile long cpuAtStart = -1;
    private EvaluationResult result;
    private RuntimeException failure;

    Run(Expression expression, Supplier<EvaluationResult> evaluation) {
      this.expression = expression;
      this.evaluation = evaluation;
    }

    @Override
    public void run() {
      thread = Thread.currentThread();
      startedAt = System.nanoTime();
      cpuAtStart = CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
      try {
        if (state.get() == RUNNING) { // abandoned before this thread got to it: nothing to evaluate
          result = evaluation.get();
        }
      } catch (RuntimeException e) {
        failure = e;
      } catch (Exception | Error e) { // the FEEL interpreter throws InterruptedException without declaring it
        failure = new IllegalStateException(
            "Expected to evaluate expression '" + expression.source() + "', but " + e, e);
      } finally {
        if (!state.compareAndSet(RUNNING, DONE)) {
          overrunning.decrementAndGet();
          LOG.info("FEEL expression '{}' that ran past its bound stopped after {} ms", expression.source(),
              TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        }
        finished.countDown();
      }
    }

    /**
     * The CPU time the evaluation has used so far; 0 while no thread has started it, -1 when the JVM
     * cannot tell (then the bound is wall time alone).
     */
    long cpuNanos() {
      Thread running = thread;
      if (running == null) {
        return 0;
      }
      long start = cpuAtStart;
      long now = start < 0 ? -1 : CPU.getThreadCpuTime(running.threadId());
      return start < 0 || now < 0 ? -1 : Math.max(0, now - start);
    }

    /** Gives the evaluation up and interrupts it; false when it had finished already. */
    boolean abandon() {
      if (!state.compareAndSet(RUNNING, ABANDONED)) {
        return false;
      }
      overrunning.incrementAndGet();
      Thread running = thread;
      if (running != null) {
        running.interrupt();
      }
      return true;
    }

    EvaluationResult outcome() {
      try {
        finished.await(); // set by the evaluator before its state moved to DONE, so this does not wait long
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
      return result;
    }
  }
}
