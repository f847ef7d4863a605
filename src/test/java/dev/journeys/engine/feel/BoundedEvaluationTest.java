package dev.journeys.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Evaluations that ignore their interruption keep their threads, but cannot pile them up: while
 * {@value BoundedEvaluation#MAX_OVERRUNNING} run past their bound, new evaluations fail at once
 * without starting, and run again once those end.
 */
class BoundedEvaluationTest {

  private final BoundedEvaluation bounded = new BoundedEvaluation(Duration.ofMillis(50));
  private final Expression expression = new FeelExpressions(Duration.ofSeconds(1)).parse("=x + 1");
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();

  @AfterEach
  void close() {
    release.countDown();
    bounded.close();
  }

  /** Waits for the test's release and ignores interruption, as a runaway in an uninterruptible library call would. */
  private final Supplier<EvaluationResult> deaf = () -> {
    started.incrementAndGet();
    boolean interrupted = false;
    while (release.getCount() > 0) {
      try {
        release.await();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    return EvaluationResult.ok(2L);
  };

  @Test
  void overrunningEvaluationsAreCountedAndNewOnesRefusedWhileTooManyRun() {
    for (int i = 0; i < BoundedEvaluation.MAX_OVERRUNNING; i++) {
      assertThat(bounded.run(expression, "task", deaf).failure())
          .isEqualTo("Expected to evaluate expression but timed out after 50 ms: 'x + 1' (element 'task')");
    }
    assertThat(bounded.overrunning()).isEqualTo(BoundedEvaluation.MAX_OVERRUNNING);

    EvaluationResult refused = bounded.run(expression, "task", deaf);

    assertThat(refused.failure()).isEqualTo("Expected to evaluate expression 'x + 1' of element 'task', but 4 "
        + "earlier evaluations that ran past the 50 ms bound are still running; it is not started until they end");
    assertThat(started).hasValue(BoundedEvaluation.MAX_OVERRUNNING);

    release.countDown();
    await().atMost(Duration.ofSeconds(30)).until(() -> bounded.overrunning() == 0);
    assertThat(bounded.run(expression, "task", () -> EvaluationResult.ok(3L)).value()).isEqualTo(3L);
  }

  @Test
  void anEvaluationWithinTheBoundAnswersItsResultOrItsFailure() {
    assertThat(bounded.run(expression, "task", () -> EvaluationResult.ok(5L)).value()).isEqualTo(5L);
    assertThat(bounded.run(expression, "task", () -> EvaluationResult.failed("no")).failure()).isEqualTo("no");
    assertThat(bounded.overrunning()).isZero();
  }

  @Test
  void anEvaluationThatWaitsForACoreIsNoRunawayButOneThatBurnsTheBoundIsStopped() {
    // A bound of 200 ms: the wall-clock cap (5x) leaves the waiting evaluation room for the test
    // JVM's own scheduling delays on a busy machine, which a 50 ms bound did not.
    try (BoundedEvaluation roomy = new BoundedEvaluation(Duration.ofMillis(200))) {
      // waiting (no CPU) for twice the bound, as on a busy machine or while classes load: still answers
      EvaluationResult slowStart = roomy.run(expression, "task", () -> {
        long until = System.nanoTime() + Duration.ofMillis(400).toNanos();
        while (System.nanoTime() < until) {
          java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return EvaluationResult.ok(7L);
      });
      assertThat(slowStart.value()).isEqualTo(7L);

      // burning CPU until interrupted: stopped after the bound's worth of it
      long started = System.nanoTime();
      EvaluationResult runaway = roomy.run(expression, "task", () -> {
        long spins = 0;
        while (!Thread.currentThread().isInterrupted()) {
          spins++;
        }
        return EvaluationResult.ok(spins);
      });
      assertThat(runaway.failure()).startsWith("Expected to evaluate expression but timed out after 200 ms");
      // Stopped, not left to spin: by the wall-clock cap, plus room for the watchdog's own turn on a
      // machine whose load is several times its cores.
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isLessThanOrEqualTo(Duration.ofMillis(200L * BoundedEvaluation.WALL_FACTOR + 2_000));
    }
  }

  @Test
  void waitingIsBoundedInWallTimeToo() {
    long started = System.nanoTime();
    EvaluationResult stuck = bounded.run(expression, "task", deaf);
    assertThat(stuck.failure()).startsWith("Expected to evaluate expression but timed out after 50 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50L * BoundedEvaluation.WALL_FACTOR));
  }
}
