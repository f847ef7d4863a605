package dev.journeys.bench;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.EngineSettings;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Throughput and latency of the embedded engine through the real Camunda client over gRPC: a
 * process of five sequential service tasks (job types t1..t5) on a durable H2 file database;
 * instances created by the client, jobs completed by workers over gRPC. A program, not a test:
 * see docs/BENCHMARKS.md for the commands and bench/engine-throughput.sh to run it.
 *
 * <p>Arguments ({@code --name=value}) are described in {@link BenchOptions}. The run is bounded:
 * creation stops after --max-seconds, draining after 60 s more, and a watchdog halts the JVM if
 * shutting down hangs. Exit code 0 when every created instance finished, 1 otherwise.
 */
public final class EngineThroughputBenchmark {

  static final String PROCESS_ID = "bench-five-tasks";
  private static final long DRAIN_SECONDS = 60;
  /** Warm-up runs flat out; a large backlog of unfinished instances would only slow the JIT's warm-up. */
  private static final int WARMUP_IN_FLIGHT = 200;

  private final CamundaClient client;
  private final BenchWorkers workers;

  private EngineThroughputBenchmark(CamundaClient client, BenchWorkers workers) {
    this.client = client;
    this.workers = workers;
  }

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    BenchSupport.quietLogging();
    BenchSupport.startWatchdog(2 * (options.maxSeconds() + DRAIN_SECONDS) + 120);
    HeapMonitor heap = new HeapMonitor();
    Path dir = Files.createTempDirectory("journeys-bench-");
    System.out.printf("Engine throughput benchmark: %s%n", options.describe());
    System.out.printf("JVM %s, %d cores, -Xmx %d MB, database %s%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(), heap.maxHeap() >> 20, dir.resolve("bench"));
    boolean complete;
    try (EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(
            h2(dir), "127.0.0.1", 0, EngineClock.system(), options.batchSize(), Duration.ofSeconds(10)));
        CamundaClient client = client(engine.port(), options);
        BenchWorkers workers = new BenchWorkers(client, options)) {
      EngineThroughputBenchmark bench = new EngineThroughputBenchmark(client, workers);
      bench.deploy();
      if (options.warmup() > 0) {
        PhaseResult warmup =
            bench.run(options.warmup(), 0, Math.min(options.inFlight(), WARMUP_IN_FLIGHT), options.maxSeconds());
        System.out.printf("warm-up: %d instances, %.0f jobs/s%n", warmup.tracker().finishedCount(), warmup.jobsPerSecond());
      }
      heap.reset();
      PhaseResult measured = bench.run(options.instances(), options.rate(), options.inFlight(), options.maxSeconds());
      new Report(options, measured, heap).print();
      complete = measured.complete();
    } finally {
      BenchSupport.deleteRecursively(dir);
    }
    System.exit(complete ? 0 : 1);
  }

  /** What one phase did; times are System.nanoTime() values. */
  record PhaseResult(InstanceTracker tracker, long sent, long createFailures, double cpuCores, long allocatedBytes) {

    boolean complete() {
      return tracker.finishedCount() == sent - createFailures && tracker.failures() == 0;
    }

    double instancesPerSecond() {
      return tracker.createdCount() / seconds(tracker.lastCreateAck() - tracker.start());
    }

    double jobsPerSecond() {
      return tracker.completedJobs() / seconds(tracker.lastCompleteAck() - tracker.start());
    }

    static double seconds(long nanos) {
      return Math.max(1, nanos) / 1e9;
    }
  }

  /**
   * Creates up to {@code instances} instances, at {@code rate} per second (0 = no pacing) with at
   * most {@code inFlight} unfinished at once, then waits for them to finish.
   */
  private PhaseResult run(int instances, double rate, int inFlight, int maxSeconds) throws InterruptedException {
    Semaphore unfinished = new Semaphore(inFlight);
    InstanceTracker tracker = new InstanceTracker(unfinished::release);
    workers.track(tracker);
    AtomicLong createFailures = new AtomicLong();
    Progress progress = Progress.start(tracker, unfinished, inFlight);
    long cpuAtStart = processCpuNanos();
    long allocatedAtStart = allocatedBytes();
    tracker.markStart();
    long start = tracker.start();
    long deadline = start + TimeUnit.SECONDS.toNanos(maxSeconds);
    long interval = rate > 0 ? (long) (1e9 / rate) : 0;
    long sent = 0;
    while (sent < instances && System.nanoTime() < deadline) {
      pace(start + sent * interval);
      if (!unfinished.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      create(sent++, tracker, unfinished, createFailures);
    }
    long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
    while (tracker.finishedCount() + createFailures.get() < sent && System.nanoTime() < drainDeadline) {
      Thread.sleep(20);
    }
    progress.stop();
    double cpuCores = (processCpuNanos() - cpuAtStart) / (double) Math.max(1, System.nanoTime() - start);
    return new PhaseResult(tracker, sent, createFailures.get(), cpuCores, allocatedBytes() - allocatedAtStart);
  }

  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime() : 0;
  }

  /** Heap bytes allocated by all threads since the JVM started (approximate). */
  private static long allocatedBytes() {
    return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        ? threads.getTotalThreadAllocatedBytes() : 0;
  }

  private static void pace(long due) {
    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  private void create(long index, InstanceTracker tracker, Semaphore unfinished, AtomicLong createFailures) {
    long sentAt = System.nanoTime();
    client.newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(Map.of("orderId", "bench-" + index))
        .send()
        .whenComplete((created, failure) -> {
          if (failure != null) {
            createFailures.incrementAndGet();
            tracker.failed();
            unfinished.release();
          } else {
            tracker.created(created.getProcessInstanceKey(), sentAt);
          }
        });
  }

  private void deploy() {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess(PROCESS_ID).startEvent("start");
    for (int step = 1; step <= InstanceTracker.STEPS; step++) {
      String type = "t" + step;
      flow = flow.serviceTask(type, task -> task.zeebeJobType(type));
    }
    BpmnModelInstance model = flow.endEvent("end").done();
    client.newDeployResourceCommand().addProcessModel(model, PROCESS_ID + ".bpmn").send().join();
  }

  private static CamundaClient client(int port, BenchOptions options) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + port))
        .restAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(false)
        .numJobWorkerExecutionThreads(options.workerThreads())
        .defaultRequestTimeout(Duration.ofSeconds(30))
        .build();
  }

  private static JdbcDataSource h2(Path dir) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0");
    h2.setUser("sa");
    return h2;
  }
}
