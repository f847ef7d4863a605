package dev.journeys.bench;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.EngineSettings;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.jdbcx.JdbcDataSource;

/**
 * DMN evaluations through the real Camunda client over gRPC: the shipped decision table
 * bpmn/post-purchase-follow-up.dmn (FIRST hit policy, two inputs, four rules) evaluated by
 * EvaluateDecision on the embedded engine on a durable H2 file database, with varying ratings so
 * every rule matches in turn. A program, not a test: bench/dmn.sh runs it, docs/BENCHMARKS.md holds
 * the figures.
 *
 * <p>Arguments: {@code --evaluations=10000} measured, {@code --warmup=2000} before them,
 * {@code --in-flight=16} requests outstanding at once. Exit code 0 when every evaluation returned
 * the decision's output, 1 otherwise.
 */
public final class DmnBenchmark {

  private static final String DECISION = "post-purchase-follow-up";

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>(Map.of("evaluations", "10000", "warmup", "2000", "in-flight", "16"));
    Arrays.stream(args).filter(a -> a.startsWith("--") && a.contains("="))
        .forEach(a -> options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1)));
    int evaluations = Integer.parseInt(options.get("evaluations"));
    int warmup = Integer.parseInt(options.get("warmup"));
    int inFlight = Integer.parseInt(options.get("in-flight"));
    BenchSupport.quietLogging();
    BenchSupport.startWatchdog(600);
    Path dir = Files.createTempDirectory("journeys-dmn-bench-");
    System.out.printf("DMN benchmark: %d evaluations of '%s' after %d warm-up, %d in flight%n",
        evaluations, DECISION, warmup, inFlight);
    System.out.printf("JVM %s, %d cores, -Xmx %d MB, load average %.1f%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, BenchSupport.loadAverage());
    boolean ok;
    try (EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(
            h2(dir), "127.0.0.1", 0, EngineClock.system(), 256, Duration.ofSeconds(10)));
        CamundaClient client = CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
            .restAddress(URI.create("http://127.0.0.1:1"))
            .preferRestOverGrpc(false)
            .defaultRequestTimeout(Duration.ofSeconds(30))
            .build()) {
      client.newDeployResourceCommand()
          .addResourceFile(Path.of("bpmn", "post-purchase-follow-up.dmn").toString())
          .send().join();
      if (warmup > 0) {
        Phase warm = run(client, warmup, inFlight);
        System.out.printf("warm-up: %d evaluations, %.0f decisions/s%n", warmup, warm.perSecond());
      }
      long cpuBefore = BenchSupport.processCpuNanos();
      Phase measured = run(client, evaluations, inFlight);
      double cpuMs = (BenchSupport.processCpuNanos() - cpuBefore) / 1e6 / evaluations;
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      long[] latencies = measured.latenciesMicros();
      Arrays.sort(latencies);
      System.out.printf("measured: %d evaluations in %.2f s: %.0f decisions/s; latency p50 %.2f ms, p99 %.2f ms, "
              + "max %.2f ms; %.3f ms CPU per evaluation (engine and client in this JVM); heap after GC %.1f MB; "
              + "%d failed%n",
          evaluations, measured.seconds(), measured.perSecond(), percentile(latencies, 50) / 1000.0,
          percentile(latencies, 99) / 1000.0, latencies[latencies.length - 1] / 1000.0, cpuMs, heap / 1e6,
          measured.failures());
      System.out.printf("load average at the end %.1f%n", BenchSupport.loadAverage());
      ok = measured.failures() == 0;
    } finally {
      BenchSupport.deleteRecursively(dir);
    }
    System.exit(ok ? 0 : 1);
  }

  record Phase(double seconds, long[] latenciesMicros, long failures) {
    double perSecond() {
      return latenciesMicros.length / seconds;
    }
  }

  private static final List<String> EXPECTED = List.of("apology-voucher", "support-follow-up", "photo-invitation", "none");

  private static Phase run(CamundaClient client, int count, int inFlight) throws InterruptedException {
    Semaphore slots = new Semaphore(inFlight);
    ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    AtomicLong failures = new AtomicLong();
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      slots.acquire();
      int rating = 1 + i % 5;
      boolean carrierIssue = i % 2 == 0;
      long sent = System.nanoTime();
      CompletableFuture<EvaluateDecisionResponse> reply = client.newEvaluateDecisionCommand().decisionId(DECISION)
          .variables(Map.of("rating", rating, "carrierIssue", carrierIssue)).send().toCompletableFuture();
      reply.whenComplete((response, failure) -> {
        latencies.add((System.nanoTime() - sent) / 1000);
        if (failure != null || !response.getFailureMessage().isEmpty()
            || EXPECTED.stream().noneMatch(o -> response.getDecisionOutput().contains(o))) {
          failures.incrementAndGet();
        }
        slots.release();
      });
    }
    slots.acquire(inFlight);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Phase(seconds, latencies.stream().mapToLong(Long::longValue).toArray(), failures.get());
  }

  private static long percentile(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static JdbcDataSource h2(Path dir) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0");
    h2.setUser("sa");
    return h2;
  }
}
