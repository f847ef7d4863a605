package dev.journeys.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Stopping lets running job handlers finish uninterrupted and drops the ones not started. */
class JobExecutionTest {

  @Test
  void aRunningHandlerFinishesUninterruptedAndQueuedOnesNeverStart() throws Exception {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    AtomicBoolean finished = new AtomicBoolean();
    AtomicBoolean queuedRan = new AtomicBoolean();
    executor.execute(() -> {
      started.countDown();
      try {
        Thread.sleep(300); // a handler in the middle of its database write
        finished.set(true);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    executor.execute(() -> queuedRan.set(true));
    started.await(5, TimeUnit.SECONDS);

    new JobExecution.GracefulJobStop(executor, Duration.ofSeconds(10)).stop();

    assertThat(finished).isTrue();
    assertThat(interrupted).isFalse();
    assertThat(queuedRan).isFalse();
    assertThat(executor.isTerminated()).isTrue();
  }

  @Test
  void aHandlerOverstayingTheGraceIsInterrupted() throws Exception {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    executor.execute(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        interrupted.set(true);
      }
    });
    started.await(5, TimeUnit.SECONDS);

    new JobExecution.GracefulJobStop(executor, Duration.ofMillis(200)).stop();

    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted).isTrue();
  }
}
