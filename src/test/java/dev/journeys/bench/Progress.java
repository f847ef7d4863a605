package dev.journeys.bench;

import java.util.concurrent.Semaphore;

/** Prints a line every 5 seconds while a phase runs, so a stalled run is visible at once. */
final class Progress {

  private static final long PERIOD_MILLIS = 5000;

  private final Thread thread;

  private Progress(Thread thread) {
    this.thread = thread;
  }

  static Progress start(InstanceTracker tracker, Semaphore unfinished, int inFlight) {
    Thread thread = new Thread(() -> {
      long lastJobs = 0;
      try {
        while (true) {
          Thread.sleep(PERIOD_MILLIS);
          long jobs = tracker.completedJobs();
          System.out.printf("  ... %6.1f s: %d created, %d jobs completed (%.0f jobs/s in the last 5 s), %d unfinished%n",
              (System.nanoTime() - tracker.start()) / 1e9, tracker.createdCount(), jobs,
              (jobs - lastJobs) * 1000.0 / PERIOD_MILLIS, inFlight - unfinished.availablePermits());
          lastJobs = jobs;
        }
      } catch (InterruptedException stopped) {
        // the phase is over
      }
    }, "bench-progress");
    thread.setDaemon(true);
    thread.start();
    return new Progress(thread);
  }

  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
