package dev.journeys.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One phase of the benchmark: sends orders on a fixed schedule (order i is due at start + i / rate,
 * whatever happened to the ones before: open loop), then waits up to --drain-seconds for the
 * confirmations of every order answered 2xx, then counts messages that came on top.
 */
final class OrderPhase {

  private static final long SETTLE_MILLIS = 1000;

  private final ShopifyOrderFeed feed;
  private final MailArrivals mail;
  private final WebhookToEmailBenchmark.Options options;
  private long nextOrder = 1;

  OrderPhase(ShopifyOrderFeed feed, MailArrivals mail, WebhookToEmailBenchmark.Options options) {
    this.feed = feed;
    this.mail = mail;
    this.options = options;
  }

  /** What a phase did; times are System.nanoTime() values. */
  record Result(
      List<TrackedOrder> orders, long start, long sendEnd, long drainEnd, long skipped, long backlogAtSendEnd,
      long maxSendLagNanos, long deliveries, double cpuCores, double loadAtStart, double loadAtEnd,
      long gcCollections, long gcMillis, boolean stoppedEarly) {

    long arrived() {
      return orders.stream().filter(TrackedOrder::arrived).count();
    }
  }

  Result run(String name, int seconds, boolean progress) throws Exception {
    double rate = options.rate();
    int planned = (int) Math.ceil(rate * seconds);
    TrackedOrder[] orders = new TrackedOrder[planned];
    long skippedAtStart = feed.skipped();
    long deliveriesAtStart = mail.deliveries();
    double loadAtStart = BenchSupport.loadAverage();
    long cpuAtStart = BenchSupport.processCpuNanos();
    long[] gcAtStart = gc();
    long start = System.nanoTime();
    long maxLag = 0;
    ProgressLines lines = progress ? ProgressLines.start(orders, start) : null;
    long backlogLimit = (long) (rate * options.maxBacklogSeconds());
    boolean stoppedEarly = false;
    int count = 0;
    for (int i = 0; i < planned; i++) {
      if (backlogLimit > 0 && mail.awaitedCount() > backlogLimit) {
        stoppedEarly = true;
        break;
      }
      long due = start + (long) (i * 1e9 / rate);
      pace(due);
      maxLag = Math.max(maxLag, System.nanoTime() - due);
      TrackedOrder order = ShopifyOrderFeed.order(nextOrder++);
      orders[i] = order;
      count = i + 1;
      mail.await(order);
      feed.send(order, this::answered);
      if (order.sentAt == 0) {
        mail.forget(order);
      }
      if (lines != null) {
        lines.published(i + 1);
      }
    }
    long sendEnd = System.nanoTime();
    List<TrackedOrder> all = Arrays.asList(orders).subList(0, count);
    long backlog = all.stream().filter(o -> o.sentAt != 0 && !o.arrived()).count();
    System.out.printf("%s: sending %s after %.1f s; %d orders without confirmation yet; draining up to %d s%n",
        name, stoppedEarly ? "STOPPED (backlog over " + backlogLimit + ")" : "done", (sendEnd - start) / 1e9,
        backlog, options.drainSeconds());
    long drainDeadline = sendEnd + TimeUnit.SECONDS.toNanos(options.drainSeconds());
    while (all.stream().anyMatch(OrderPhase::awaited) && System.nanoTime() < drainDeadline) {
      Thread.sleep(20);
    }
    long drainEnd = System.nanoTime();
    if (lines != null) {
      lines.stop();
    }
    Thread.sleep(SETTLE_MILLIS);
    mail.countLateMessages(all);
    for (TrackedOrder order : all) {
      mail.forget(order);
    }
    double cpuCores = (BenchSupport.processCpuNanos() - cpuAtStart) / (double) Math.max(1, drainEnd - start);
    return new Result(all, start, sendEnd, drainEnd, feed.skipped() - skippedAtStart, backlog, maxLag,
        mail.deliveries() - deliveriesAtStart, cpuCores, loadAtStart, BenchSupport.loadAverage(), gc()[0] - gcAtStart[0],
        gc()[1] - gcAtStart[1], stoppedEarly);
  }

  /** Sent and not answered yet, or answered 2xx without a confirmation yet. */
  private static boolean awaited(TrackedOrder order) {
    return order.sentAt != 0 && !order.arrived() && (order.status == TrackedOrder.PENDING || order.accepted());
  }

  private void answered(TrackedOrder order) {
    if (!order.accepted()) {
      mail.forget(order);
    }
  }

  private static void pace(long due) {
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  /** Collections and milliseconds spent in them so far, all collectors together. */
  private static long[] gc() {
    long[] totals = new long[2];
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      totals[0] += Math.max(0, collector.getCollectionCount());
      totals[1] += Math.max(0, collector.getCollectionTime());
    }
    return totals;
  }
}
