package dev.journeys.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/** The figures of the measured phase, printed as the lines docs/BENCHMARKS.md quotes. */
final class WebhookReport {

  /** A phase kept up when its last confirmation came at most this long after its last webhook. */
  private static final long KEPT_UP_DRAIN_NANOS = 5_000_000_000L;
  private static final double TARGET_P99_MILLIS = 250;

  private final WebhookToEmailBenchmark.Options options;
  private final OrderPhase.Result result;
  private final MailArrivals mail;
  private final List<TrackedOrder> sent;
  private final List<TrackedOrder> accepted;
  private final List<TrackedOrder> confirmed;
  private final long lost;
  private final long duplicates;

  WebhookReport(WebhookToEmailBenchmark.Options options, OrderPhase.Result result, MailArrivals mail) {
    this.options = options;
    this.result = result;
    this.mail = mail;
    this.sent = result.orders().stream().filter(o -> o.sentAt != 0).toList();
    this.accepted = sent.stream().filter(TrackedOrder::accepted).toList();
    this.confirmed = accepted.stream().filter(TrackedOrder::arrived).toList();
    this.lost = accepted.size() - confirmed.size();
    this.duplicates = confirmed.stream().filter(o -> o.messages > 1).count();
  }

  /** Every order sent, answered 2xx and confirmed exactly once. */
  boolean clean() {
    return !result.stoppedEarly() && result.skipped() == 0 && accepted.size() == sent.size() && lost == 0 && duplicates == 0;
  }

  void print() {
    long firstSent = sent.isEmpty() ? 0 : sent.get(0).sentAt;
    long lastSent = sent.isEmpty() ? 0 : sent.get(sent.size() - 1).sentAt;
    double achieved = sent.size() < 2 ? 0 : (sent.size() - 1) / ((lastSent - firstSent) / 1e9);
    long lastArrival = confirmed.stream().mapToLong(o -> o.arrivedAt).max().orElse(result.sendEnd());
    long confirmedWhileSending = confirmed.stream().filter(o -> o.arrivedAt <= result.sendEnd()).count();
    double sendSeconds = (result.sendEnd() - result.start()) / 1e9;
    long[] latency = sorted(confirmed, TrackedOrder::latencyNanos);
    long[] answer = sorted(accepted, o -> o.answeredAt - o.sentAt);
    long beforeAnswer = confirmed.stream().filter(o -> o.arrivedAt < o.answeredAt).count();
    long wrongSubject = confirmed.stream().filter(o -> !o.expectedSubject).count();
    double p99 = millis(latency, 0.99);

    System.out.println();
    System.out.printf("RESULT webhook-to-email: target %.0f orders/s for %d s; sent %d orders (%d skipped at the "
            + "in-flight limit), achieved send rate %.1f orders/s, sender at most %.1f ms behind schedule%n",
        options.rate(), options.seconds(), sent.size(), result.skipped(), achieved, result.maxSendLagNanos() / 1e6);
    if (result.stoppedEarly()) {
      System.out.printf("RESULT FELL BEHIND: sending stopped after %.1f s of %d s, when more than %d orders (%d s of "
              + "the rate) awaited their confirmation%n",
          sendSeconds, options.seconds(), (long) (options.rate() * options.maxBacklogSeconds()),
          options.maxBacklogSeconds());
    }
    System.out.printf("RESULT answers: %d 2xx, other statuses %s, %d without an answer; answer time p50 %.1f ms, "
            + "p99 %.1f ms, max %.1f ms%n",
        accepted.size(), otherStatuses(), sent.stream().filter(o -> o.status == TrackedOrder.FAILED).count(),
        millis(answer, 0.50), millis(answer, 0.99), millis(answer, 1.0));
    System.out.printf("RESULT confirmations: %d received for %d accepted orders; lost %d (no e-mail %d s after "
            + "sending ended); duplicates %d; subject not naming the order %d; e-mails GreenMail accepted in the "
            + "phase %d%n",
        confirmed.size(), accepted.size(), lost, options.drainSeconds(), duplicates, wrongSubject, result.deliveries());
    System.out.printf("RESULT latency 2xx answer -> confirmation accepted by SMTP (%d orders): p50 %.1f ms, "
            + "p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms, mean %.1f ms "
            + "(%d confirmations seen before their 2xx counted as 0)%n",
        latency.length, millis(latency, 0.50), millis(latency, 0.90), millis(latency, 0.95), p99,
        millis(latency, 0.999), millis(latency, 1.0), mean(latency), beforeAnswer);
    System.out.printf("RESULT pace: %.1f confirmations/s while sending; %d orders awaiting a confirmation when "
            + "sending ended; last confirmation %.2f s after sending ended%n",
        confirmedWhileSending / sendSeconds, result.backlogAtSendEnd(), (lastArrival - result.sendEnd()) / 1e9);
    double cpuMsPerOrder = result.cpuCores() * (result.drainEnd() - result.start()) / 1e6
        / Math.max(1, result.orders().size());
    System.out.printf("RESULT machine: process CPU %.2f of %d cores on average, %.1f ms per order (app, GreenMail "
            + "and the sender together); load average %.2f at start, "
            + "%.2f at end; GC %d collections, %d ms in the phase; heap %d MB used at the end of %d MB%n",
        result.cpuCores(), Runtime.getRuntime().availableProcessors(), cpuMsPerOrder, result.loadAtStart(),
        result.loadAtEnd(), result.gcCollections(), result.gcMillis(), usedHeap() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf("RESULT polling: GreenMail checked every %.1f ms (%d scans, mean scan %.0f us, max %.0f us): "
            + "an arrival is recorded at most one interval plus one scan late%n",
        options.pollMs(), mail.scans(), mail.meanScanMicros(), mail.maxScanMicros());
    boolean keptUp = clean() && achieved >= 0.98 * options.rate()
        && lastArrival - result.sendEnd() <= KEPT_UP_DRAIN_NANOS;
    System.out.printf("VERDICT p99 %.1f ms %s %.0f ms; nothing lost or duplicated: %s; kept up with %.0f orders/s "
            + "(all sent and 2xx, >= 98%% of the rate, nothing lost, last confirmation <= 5 s after the last webhook): %s%n",
        p99, p99 < TARGET_P99_MILLIS ? "<" : ">=", TARGET_P99_MILLIS, lost == 0 && duplicates == 0 ? "yes" : "NO",
        options.rate(), keptUp ? "yes" : "NO");
  }

  private static long usedHeap() {
    return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
  }

  private String otherStatuses() {
    Map<Integer, Long> statuses = new TreeMap<>();
    sent.stream().filter(o -> !o.accepted() && o.status != TrackedOrder.FAILED)
        .forEach(o -> statuses.merge(o.status, 1L, Long::sum));
    return statuses.isEmpty() ? "none" : statuses.toString();
  }

  private static long[] sorted(List<TrackedOrder> orders, ToLongFunction<TrackedOrder> value) {
    return orders.stream().mapToLong(value).sorted().toArray();
  }

  /** Nearest-rank index of quantile q among n sorted values. */
  static int rank(int n, double q) {
    return Math.min(n - 1, Math.max(0, (int) Math.ceil(q * n) - 1));
  }

  private static double millis(long[] sorted, double q) {
    return sorted.length == 0 ? Double.NaN : sorted[rank(sorted.length, q)] / 1e6;
  }

  private static double mean(long[] values) {
    double sum = 0;
    for (long value : values) {
      sum += value;
    }
    return values.length == 0 ? Double.NaN : sum / values.length / 1e6;
  }
}
