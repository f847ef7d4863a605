package dev.journeys.feedback;

import dev.journeys.storage.PeriodicTasks;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Publishes again, every journeys.feedback.republish-interval, the ratings whose feedback-received
 * did not reach the engine (engine restarting, network blip): a customer clicks once, and that
 * click must reach their journey. One thread of its own, so no app-wide scheduling is switched on.
 */
@Component
class FeedbackRepublisher implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(FeedbackRepublisher.class);
  private static final int BATCH = 100;
  static final String TASK = "feedback-republisher";
  private static final Duration LONGEST_RUN = Duration.ofMinutes(5);

  private final FeedbackStore store;
  private final FeedbackRecorder recorder;
  private final Duration interval;
  private final Clock clock;
  private final PeriodicTasks tasks;
  private ScheduledExecutorService executor;

  FeedbackRepublisher(FeedbackStore store, FeedbackRecorder recorder, FeedbackProperties properties, Clock clock,
      PeriodicTasks tasks) {
    this.tasks = tasks;
    this.clock = clock;
    this.store = store;
    this.recorder = recorder;
    this.interval = properties.republishInterval();
  }

  private void tick() {
    try {
      tasks.runOnce(TASK, interval, LONGEST_RUN, this::republishOverdue);
    } catch (RuntimeException e) {
      log.warn("Could not republish ratings: {}", e.getMessage());
    }
  }

  /** Publishes what is overdue; stops at the first failure, as the engine is likely still away. */
  void republishOverdue() {
    try {
      // Older than one interval: a click being recorded right now publishes for itself.
      for (FeedbackStore.Feedback feedback : store.unpublished(clock.instant().minus(interval), BATCH)) {
        if (!recorder.publish(feedback)) {
          return;
        }
      }
    } catch (RuntimeException e) {
      log.warn("Could not republish ratings: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("feedback-republisher").factory());
    long millis = interval.toMillis();
    // Each instance ticks; one of them republishes per interval.
    executor.scheduleWithFixedDelay(() -> tick(), millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
