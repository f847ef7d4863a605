package dev.journeys.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of this JVM (engine, client and workers together): the peak usage of the heap memory
 * pools since {@link #reset()}, and the largest heap still in use right after a collection (the
 * live set plus whatever that collection did not reclaim), from GC notifications.
 */
final class HeapMonitor {

  private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
      .filter(pool -> pool.getType() == MemoryType.HEAP)
      .toList();
  private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
  private final AtomicLong maxAfterGc = new AtomicLong();
  private long collectionsAtReset;
  private long collectionMillisAtReset;

  HeapMonitor() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener((notification, handback) -> {
          if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            afterGc(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
          }
        }, null, null);
      }
    }
  }

  private void afterGc(GarbageCollectionNotificationInfo info) {
    long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
        .filter(entry -> heapPoolNames.contains(entry.getKey()))
        .mapToLong(entry -> entry.getValue().getUsed())
        .sum();
    maxAfterGc.accumulateAndGet(used, Math::max);
  }

  /** Collects garbage, then starts measuring peaks afresh. */
  void reset() {
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    maxAfterGc.set(0);
    collectionsAtReset = collections();
    collectionMillisAtReset = collectionMillis();
  }

  /** The sum of each heap pool's peak usage since reset (pools peak at different times: an upper bound). */
  long peakUsed() {
    return heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
  }

  long maxUsedAfterGc() {
    return maxAfterGc.get();
  }

  long maxHeap() {
    return Runtime.getRuntime().maxMemory();
  }

  /** Collections and their total time since reset, all collectors together. */
  String gcSummary() {
    return "%d collections, %d ms".formatted(collections() - collectionsAtReset, collectionMillis() - collectionMillisAtReset);
  }

  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
  }

  private static long collectionMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }
}
