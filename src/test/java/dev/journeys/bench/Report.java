package dev.journeys.bench;

import dev.journeys.bench.EngineThroughputBenchmark.PhaseResult;
import org.HdrHistogram.Histogram;

/** The measured phase's figures, as text and as one machine-readable RESULT line. */
record Report(BenchOptions options, PhaseResult result, HeapMonitor heap) {

  void print() {
    InstanceTracker tracker = result.tracker();
    Histogram jobs = tracker.jobLatency();
    Histogram creates = tracker.createLatency();
    double createSeconds = PhaseResult.seconds(tracker.lastCreateAck() - tracker.start());
    double jobSeconds = PhaseResult.seconds(tracker.lastCompleteAck() - tracker.start());
    System.out.printf("%nResults (%s)%n", options.describe());
    System.out.printf("  instances created      %d in %.2f s = %.0f instances/s (first create sent to last create ack)%n",
        tracker.createdCount(), createSeconds, result.instancesPerSecond());
    System.out.printf("  jobs completed         %d in %.2f s = %.0f jobs/s (first create sent to last complete ack)%n",
        tracker.completedJobs(), jobSeconds, result.jobsPerSecond());
    System.out.printf("  instances finished     %d of %d sent (%d create failures, %d failed commands)%n",
        tracker.finishedCount(), result.sent(), result.createFailures(), tracker.failures());
    if (tracker.finishedCount() < tracker.createdCount()) {
      System.out.printf("  unfinished instances   %s%n", tracker.unfinished(5));
    }
    System.out.printf("  job latency (ms)       p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  (%d jobs)%n",
        ms(jobs, 50), ms(jobs, 90), ms(jobs, 99), ms(jobs, 99.9), ms(jobs.getMaxValue()), jobs.getTotalCount());
    if (tracker.reordered() > 0) {
      System.out.printf("  acks timed out of order %d (counted as 0 ms)%n", tracker.reordered());
    }
    System.out.printf("  create latency (ms)    p50 %s  p99 %s  max %s%n",
        ms(creates, 50), ms(creates, 99), ms(creates.getMaxValue()));
    System.out.printf("  heap (MB)              peak used %.1f (sum of heap pool peaks)  max after GC %.1f  -Xmx %d  GC: %s%n",
        mb(heap.peakUsed()), mb(heap.maxUsedAfterGc()), heap.maxHeap() >> 20, heap.gcSummary());
    System.out.printf("  allocation             %.0f MB in the phase = %.1f KB per completed job (engine and client)%n",
        mb(result.allocatedBytes()), result.allocatedBytes() / 1024.0 / Math.max(1, tracker.completedJobs()));
    System.out.printf("  machine                load average %.2f at the end (1 min; other processes count too), "
            + "this process used %.2f cores on average during the phase%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), result.cpuCores());
    System.out.printf("RESULT instances_per_s=%.0f jobs_per_s=%.0f job_p50_ms=%s job_p99_ms=%s job_max_ms=%s "
            + "peak_heap_mb=%.1f max_heap_after_gc_mb=%.1f xmx_mb=%d finished=%d sent=%d%n",
        result.instancesPerSecond(), result.jobsPerSecond(), ms(jobs, 50), ms(jobs, 99), ms(jobs.getMaxValue()),
        mb(heap.peakUsed()), mb(heap.maxUsedAfterGc()), heap.maxHeap() >> 20, tracker.finishedCount(), result.sent());
  }

  private static String ms(Histogram histogram, double percentile) {
    return ms(histogram.getValueAtPercentile(percentile));
  }

  private static String ms(long micros) {
    return "%.1f".formatted(micros / 1000.0);
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
