package dev.journeys.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's command line, as {@code --name=value} pairs.
 *
 * @param instances process instances to create in the measured phase
 * @param warmup instances run (as fast as possible) before measuring, to warm up the JIT; not reported
 * @param rate instances created per second; 0 means as fast as the in-flight limit allows
 * @param inFlight the most instances created but not yet finished at once (closed-loop bound)
 * @param maxSeconds the measured phase stops creating instances after this long, then drains
 * @param workers how jobs are completed: {@code worker} (the client's JobWorker, long polling),
 *     {@code stream} (JobWorker with job streaming) or {@code loop} (one ActivateJobs/CompleteJob loop per type)
 * @param maxJobsActive JobWorker maxJobsActive, or maxJobsToActivate per ActivateJobs call in loop mode
 * @param pollIntervalMs JobWorker pollInterval: the pause before the next ActivateJobs after a poll that
 *     came back empty or after which no job was left in hand (long polling makes empty polls rare)
 * @param workerThreads the client's job worker execution threads
 * @param batchSize the engine's maxBatchSize (commands per database transaction)
 */
record BenchOptions(
    int instances, int warmup, double rate, int inFlight, int maxSeconds, String workers, int maxJobsActive,
    int pollIntervalMs, int workerThreads, int batchSize) {

  static BenchOptions parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("Expected arguments as --name=value, but got '" + arg + "'");
      }
      values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    BenchOptions options = new BenchOptions(
        Integer.parseInt(take(values, "instances", "20000")),
        Integer.parseInt(take(values, "warmup", "5000")),
        Double.parseDouble(take(values, "rate", "0")),
        Integer.parseInt(take(values, "in-flight", "200")),
        Integer.parseInt(take(values, "max-seconds", "60")),
        take(values, "workers", "worker"),
        Integer.parseInt(take(values, "max-jobs-active", "64")),
        Integer.parseInt(take(values, "poll-interval-ms", "10")),
        Integer.parseInt(take(values, "worker-threads", "2")),
        Integer.parseInt(take(values, "batch-size", "256")));
    if (!values.isEmpty()) {
      throw new IllegalArgumentException("Expected only known options, but got " + values.keySet());
    }
    if (!Set.of("worker", "stream", "loop").contains(options.workers())) {
      throw new IllegalArgumentException("Expected --workers=worker|stream|loop, but got " + options.workers());
    }
    return options;
  }

  private static String take(Map<String, String> values, String name, String fallback) {
    String value = values.remove(name);
    return value == null ? fallback : value;
  }

  String describe() {
    return "instances=%d warmup=%d rate=%s in-flight=%d max-seconds=%d workers=%s max-jobs-active=%d poll-interval-ms=%d worker-threads=%d batch-size=%d"
        .formatted(instances, warmup, rate == 0 ? "max" : rate + "/s", inFlight, maxSeconds, workers, maxJobsActive,
            pollIntervalMs, workerThreads, batchSize);
  }
}
