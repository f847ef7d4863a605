package dev.journeys.bench;

import java.util.Arrays;

/**
 * Prints a line every 10 seconds of a measured phase: totals so far, and the confirmations of the
 * last 10 seconds with their p99 latency, so a backlog building up is visible while it happens.
 * Reads the orders the sender has published so far; never slows the sender down.
 */
final class ProgressLines {

  private static final long PERIOD_MILLIS = 10_000;

  private final TrackedOrder[] orders;
  private final long start;
  private final Thread thread;
  private volatile int published;

  private ProgressLines(TrackedOrder[] orders, long start) {
    this.orders = orders;
    this.start = start;
    this.thread = new Thread(this::loop, "bench-progress");
    thread.setDaemon(true);
  }

  static ProgressLines start(TrackedOrder[] orders, long start) {
    ProgressLines lines = new ProgressLines(orders, start);
    lines.thread.start();
    return lines;
  }

  /** Orders [0, count) are in the array. */
  void published(int count) {
    published = count;
  }

  void stop() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }

  private void loop() {
    try {
      while (true) {
        Thread.sleep(PERIOD_MILLIS);
        print();
      }
    } catch (InterruptedException stopped) {
      // the phase is over
    }
  }

  private void print() {
    long now = System.nanoTime();
    long windowStart = now - PERIOD_MILLIS * 1_000_000;
    int count = published;
    long accepted = 0;
    long arrived = 0;
    long[] recent = new long[count];
    int inWindow = 0;
    for (int i = 0; i < count; i++) {
      TrackedOrder order = orders[i];
      accepted += order.accepted() ? 1 : 0;
      if (order.arrived()) {
        arrived++;
        if (order.arrivedAt >= windowStart && order.answeredAt != 0) {
          recent[inWindow++] = order.latencyNanos();
        }
      }
    }
    Arrays.sort(recent, 0, inWindow);
    double p99 = inWindow == 0 ? Double.NaN : recent[WebhookReport.rank(inWindow, 0.99)] / 1e6;
    System.out.printf("  ... %6.1f s: %d sent, %d answered 2xx, %d confirmed, %d awaiting a confirmation; "
            + "last 10 s: %.0f confirmations/s, p99 %.1f ms%n",
        (now - start) / 1e9, count, accepted, arrived, count - arrived, inWindow / (PERIOD_MILLIS / 1000.0), p99);
  }
}
