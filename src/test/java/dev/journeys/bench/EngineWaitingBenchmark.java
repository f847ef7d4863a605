package dev.journeys.bench;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.EngineSettings;
import dev.journeys.engine.clock.ControlledClock;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Issue 3's figures for everything that waits, on a durable H2 file:
 *
 * <ul>
 *   <li>{@code correlate N}: N instances wait on a message with distinct keys; N messages are published;
 *       correlations per second.
 *   <li>{@code year-timers N}: N instances each wait on a one-year timer: creation rate, database size,
 *       heap after creation (after GC, sampled as the count grows), and restart-to-ready time.
 *   <li>{@code timer-burst N}: N timers due at the same instant (controlled clock): time from moving the
 *       clock until every timer fired and every next job is activatable.
 *   <li>{@code restart 0 DIR}: restart-to-ready on the database a year-timers run left in DIR.
 * </ul>
 *
 * Run with bench/engine-waiting.sh MODE N (see docs/BENCHMARKS.md).
 */
public final class EngineWaitingBenchmark {

  private static final int IN_FLIGHT = 256;

  private EngineWaitingBenchmark() {}

  public static void main(String[] args) throws Exception {
    String mode = args.length > 0 ? args[0] : "correlate";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
    Path dir = mode.equals("restart") ? Path.of(args[2]) : Files.createTempDirectory("journeys-bench-waiting");
    DataSource db = h2(dir.resolve("bench"));
    System.out.printf("mode=%s n=%d db=%s jvm=%s cores=%d maxHeap=%dMB%n", mode, n, dir, Runtime.version(),
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    switch (mode) {
      case "correlate" -> correlate(db, n);
      case "year-timers" -> yearTimers(db, dir, n);
      case "timer-burst" -> timerBurst(db, n);
      case "restart" -> restart(db);
      default -> throw new IllegalArgumentException("Expected correlate, year-timers or timer-burst, but got " + mode);
    }
    System.exit(0);
  }

  private static void correlate(DataSource db, int n) throws Exception {
    try (Running r = Running.start(db, EngineClock.system())) {
      r.deploy(Bpmn.createExecutableProcess("wait-message").startEvent()
          .intermediateCatchEvent("shipped").message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
          .endEvent().done());
      double created = r.bounded(n, i -> r.client.newCreateInstanceCommand().bpmnProcessId("wait-message")
          .latestVersion().variables(Map.of("orderId", "o-" + i)).send().toCompletableFuture());
      System.out.printf("created %d waiting instances at %.0f instances/s%n", n, created);
      double correlated = r.bounded(n, i -> r.client.newPublishMessageCommand().messageName("shipped")
          .correlationKey("o-" + i).send().toCompletableFuture());
      long waiting = count(db, "SELECT COUNT(*) FROM engine_element_instance");
      System.out.printf("RESULT correlate: %d messages published and correlated at %.0f correlations/s; "
          + "element instances still active: %d%n", n, correlated, waiting);
    }
  }

  private static void yearTimers(DataSource db, Path dir, int n) throws Exception {
    try (Running r = Running.start(db, EngineClock.system())) {
      r.deploy(Bpmn.createExecutableProcess("wait-year").startEvent()
          .intermediateCatchEvent("a_year_later", e -> e.timerWithDuration("P1Y")).endEvent().done());
      int step = Math.max(1, n / 5);
      long start = System.nanoTime();
      for (int done = 0; done < n; done += step) {
        int chunk = Math.min(step, n - done);
        r.bounded(chunk, i -> r.client.newCreateInstanceCommand().bpmnProcessId("wait-year").latestVersion()
            .send().toCompletableFuture());
        System.out.printf("  %d instances waiting: heap after GC %d MB, database %d MB%n", done + chunk,
            heapAfterGc() >> 20, size(dir) >> 20);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("RESULT year-timers: created %d instances at %.0f instances/s; timers in the database: %d; "
          + "database %d MB; heap after GC %d MB%n", n, n / seconds, count(db, "SELECT COUNT(*) FROM engine_timer"),
          size(dir) >> 20, heapAfterGc() >> 20);
    }
    restart(db);
  }

  private static void restart(DataSource db) {
    long restart = System.nanoTime();
    try (Running r = Running.start(db, EngineClock.system())) {
      double started = (System.nanoTime() - restart) / 1e9;
      r.client.newTopologyRequest().requestTimeout(Duration.ofMinutes(5)).send().join();
      double topology = (System.nanoTime() - restart) / 1e9;
      r.client.newActivateJobsCommand().jobType("none").maxJobsToActivate(1).requestTimeout(Duration.ofMillis(1))
          .send().join();
      System.out.printf("RESULT year-timers restart: engine started after %.2f s, topology answered after %.2f s, "
          + "ready (a command through the writer answered) after %.2f s%n", started, topology,
          (System.nanoTime() - restart) / 1e9);
    }
  }

  private static void timerBurst(DataSource db, int n) throws Exception {
    ControlledClock clock = new ControlledClock(Instant.parse("2026-01-01T00:00:00Z"));
    try (Running r = Running.start(db, clock)) {
      r.deploy(Bpmn.createExecutableProcess("burst").startEvent()
          .intermediateCatchEvent("due", e -> e.timerWithDate("2026-01-02T00:00:00Z"))
          .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
      r.bounded(n, i -> r.client.newCreateInstanceCommand().bpmnProcessId("burst").latestVersion()
          .send().toCompletableFuture());
      System.out.printf("created %d instances whose timers fall due at the same instant%n", n);
      long start = System.nanoTime();
      clock.advance(Duration.ofDays(1));
      while (count(db, "SELECT COUNT(*) FROM engine_job WHERE job_type = 'after' AND state = 'ACTIVATABLE'") < n) {
        Thread.sleep(20);
      }
      System.out.printf("RESULT timer-burst: %d timers fired and their next jobs are activatable %.2f s after the "
          + "clock passed their due time%n", n, (System.nanoTime() - start) / 1e9);
    }
  }

  /** An engine on the benchmark's database and a client connected to it. */
  private record Running(EmbeddedEngine engine, CamundaClient client) implements AutoCloseable {

    static Running start(DataSource db, EngineClock clock) {
      EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(db, "127.0.0.1", 0, clock, 256,
          Duration.ofSeconds(10)));
      CamundaClient client = CamundaClient.newClientBuilder()
          .grpcAddress(URI.create("http://127.0.0.1:" + engine.port())).restAddress(URI.create("http://127.0.0.1:1"))
          .preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofSeconds(60)).build();
      return new Running(engine, client);
    }

    void deploy(BpmnModelInstance model) {
      client.newDeployResourceCommand().addProcessModel(model, "bench.bpmn").send().join();
    }

    /** Sends n requests with at most IN_FLIGHT outstanding; returns requests per second. */
    double bounded(int n, LongFunction<java.util.concurrent.CompletableFuture<?>> request) throws InterruptedException {
      Semaphore permits = new Semaphore(IN_FLIGHT);
      AtomicLong failures = new AtomicLong();
      long start = System.nanoTime();
      for (long i = 0; i < n; i++) {
        permits.acquire();
        request.apply(i).whenComplete((ok, error) -> {
          if (error != null) {
            failures.incrementAndGet();
          }
          permits.release();
        });
      }
      permits.acquire(IN_FLIGHT);
      double rate = n / ((System.nanoTime() - start) / 1e9);
      if (failures.get() > 0) {
        throw new IllegalStateException("Expected every request to succeed, but " + failures.get() + " failed");
      }
      return rate;
    }

    @Override
    public void close() {
      client.close();
      engine.close();
    }
  }

  private static DataSource h2(Path file) {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + file + ";WRITE_DELAY=0");
    h2.setUser("sa");
    return h2;
  }

  private static long count(DataSource db, String sql) throws Exception {
    try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long size(Path dir) throws Exception {
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}
