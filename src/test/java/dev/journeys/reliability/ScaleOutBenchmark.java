package dev.journeys.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook to SMTP with one, two or three app processes on one PostgreSQL database (docs/SCALING.md):
 * the first runs the embedded engine, the others camunda mode against it. Signed Shopify
 * orders/create webhooks at a fixed total rate, round-robin over the instances; GreenMail notes each
 * confirmation as it arrives. Reports confirmations per second while sending, latency from the
 * webhook's planned send time to the confirmation at the SMTP server (p50, p99, max), and the CPU
 * all app processes used per order.
 *
 * <pre>bench/scale-out.sh --instances=3 --rate=30 --seconds=60 [--warmup-seconds=15] [--drain-seconds=60]
 *     [--db-url=jdbc:postgresql://127.0.0.1:5432/test?user=postgres]</pre>
 *
 * The database is created on that server for the run and dropped after it; --db-url defaults to
 * JOURNEYS_TEST_POSTGRES_URL.
 */
public final class ScaleOutBenchmark {

  private ScaleOutBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(Map.of("instances", "1", "rate", "30", "seconds", "60",
        "warmup-seconds", "15", "drain-seconds", "60"));
    String env = System.getenv("JOURNEYS_TEST_POSTGRES_URL");
    if (env != null) {
      options.put("db-url", env);
    }
    for (String arg : args) {
      String[] pair = arg.startsWith("--") ? arg.substring(2).split("=", 2) : new String[0];
      if (pair.length != 2 || !(options.containsKey(pair[0]) || pair[0].equals("db-url"))) {
        throw new IllegalArgumentException("Expected --instances, --rate, --seconds, --warmup-seconds, --drain-seconds "
            + "or --db-url as --name=value, but got '" + arg + "'");
      }
      options.put(pair[0], pair[1]);
    }
    if (!options.containsKey("db-url")) {
      throw new IllegalArgumentException("Expected --db-url (or JOURNEYS_TEST_POSTGRES_URL) to name a PostgreSQL server, "
          + "e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres: the instances share one database");
    }
    int instances = Integer.parseInt(options.get("instances"));
    int rate = Integer.parseInt(options.get("rate"));
    int seconds = Integer.parseInt(options.get("seconds"));
    int warmup = Integer.parseInt(options.get("warmup-seconds"));
    int drain = Integer.parseInt(options.get("drain-seconds"));

    Path dir = Files.createTempDirectory("journeys-scale-out");
    try (RunDatabase db = RunDatabase.postgres(options.get("db-url")); RunMail mail = new RunMail()) {
      mail.start();
      Map<String, String> settings = ScaleOut.settings(db, mail, Duration.ofSeconds(5));
      settings.put("logging.level.dev.journeys", "WARN");
      System.out.printf("starting %d instance(s) on %s%n", instances, db.describe());
      try (ScaleOut apps = ScaleOut.start(dir, "bench-scale", instances, settings, List.of("-Xmx512m"))) {
        System.out.printf("warming up: %d s at %d orders/s%n", warmup, rate);
        Map<String, Long> warm = send(apps, rate, warmup, "warm");
        awaitAll(mail, warm, new ConcurrentHashMap<>(), Duration.ofSeconds(drain));

        System.out.printf("measuring: %d s at %d orders/s over %d instance(s)%n", seconds, rate, instances);
        Duration cpuBefore = apps.cpu();
        long start = System.nanoTime();
        Map<String, Long> planned = send(apps, rate, seconds, "run");
        long sendEnd = System.nanoTime();
        Map<String, Long> arrived = new ConcurrentHashMap<>();
        boolean all = awaitAll(mail, planned, arrived, Duration.ofSeconds(drain));
        Duration cpu = apps.cpu().minus(cpuBefore);

        List<Long> latencies = new ArrayList<>();
        planned.forEach((email, at) -> {
          Long got = arrived.get(email);
          if (got != null) {
            latencies.add(got - at);
          }
        });
        latencies.sort(Comparator.naturalOrder());
        long duringSend = arrived.values().stream().filter(t -> t <= sendEnd).count();
        System.out.printf("instances %d | rate %d/s for %d s | orders %d, confirmed %d%s | confirmations/s while sending %.1f"
                + " | webhook->SMTP p50 %.0f ms, p99 %.0f ms, max %.0f ms | CPU per order %.1f ms (all app processes) | %d cores%n",
            instances, rate, seconds, planned.size(), latencies.size(), all ? "" : " (NOT ALL)",
            duringSend / ((sendEnd - start) / 1e9),
            percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0),
            cpu.toNanos() / 1e6 / planned.size(), Runtime.getRuntime().availableProcessors());
      }
    }
  }

  /** Orders at a fixed rate, round-robin; returns each order's email and its planned send time. */
  private static Map<String, Long> send(ScaleOut apps, int rate, int seconds, String tag) throws InterruptedException {
    Map<String, Long> planned = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(64);
    AtomicInteger refused = new AtomicInteger();
    long start = System.nanoTime();
    int total = rate * seconds;
    for (int i = 0; i < total; i++) {
      long at = start + (long) (i * 1e9 / rate);
      long wait = at - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int turn = i;
      String email = tag + "-" + i + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
      planned.put(email, at);
      pool.execute(() -> {
        try {
          if (!apps.deliver(turn, ScaleOut.order(email))) {
            refused.incrementAndGet();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(60, TimeUnit.SECONDS);
    if (refused.get() > 0) {
      System.out.printf("%d webhooks were not answered 2xx by any instance%n", refused.get());
    }
    return planned;
  }

  private static boolean awaitAll(RunMail mail, Map<String, Long> planned, Map<String, Long> arrived, Duration drain)
      throws InterruptedException {
    long deadline = System.nanoTime() + drain.toNanos();
    while (System.nanoTime() < deadline) {
      for (RunMail.Delivery d : mail.takeNew()) {
        if (d.subject().contains("confirmed") && planned.containsKey(d.to())) {
          arrived.putIfAbsent(d.to(), d.arrivedNanos());
        }
      }
      if (arrived.size() == planned.size()) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private static double percentile(List<Long> sorted, double p) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))) / 1e6;
  }
}
