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
 * Runs each FEEL evaluation on a thread of its own and waits at most the bound for it, so a
 * runaway expression costs the single writer the bound, not forever. Past the bound the evaluation
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
      if (run.finished.await(bound.toNanos(), TimeUnit.NANOSECONDS)) {
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
