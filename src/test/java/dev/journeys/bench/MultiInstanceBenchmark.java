package dev.journeys.bench;

import dev.journeys.engine.EmbeddedEngine;
import dev.journeys.engine.EngineSettings;
import dev.journeys.engine.clock.EngineClock;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Issue 26's multi-instance figure: one process instance whose service task runs in parallel over N
 * items (default 1,000), with an output collection of every result; a job worker through the real
 * client completes the N jobs. Reports jobs per second from the instance's creation until it
 * completed (the body creating N inner instances, N jobs activated and completed, the output
 * collection filled), and the heap of this JVM (engine, client and worker together). One warm-up
 * round, then the measured rounds, each a new instance on the same engine.
 *
 * <p>Run with bench/multi-instance.sh [items] [rounds] (see docs/BENCHMARKS.md).
 */
public final class MultiInstanceBenchmark {

  private MultiInstanceBenchmark() {}

  public static void main(String[] args) throws Exception {
    int items = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path dir = Files.createTempDirectory("journeys-bench-mi");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:file:" + dir.resolve("bench") + ";WRITE_DELAY=0");
    h2.setUser("sa");
    System.out.printf("items=%d rounds=%d db=%s jvm=%s cores=%d maxHeap=%dMB%n", items, rounds, dir,
        Runtime.version(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    HeapMonitor heap = new HeapMonitor();
    try (EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(h2, "127.0.0.1", 0, EngineClock.system(), 256,
            Duration.ofSeconds(10)));
        CamundaClient client = CamundaClient.newClientBuilder()
            .grpcAddress(URI.create("http://127.0.0.1:" + engine.port())).restAddress(URI.create("http://127.0.0.1:1"))
            .preferRestOverGrpc(false).defaultRequestTimeout(Duration.ofSeconds(60)).build();
        JobWorker worker = client.newWorker().jobType("per-item")
            .handler((jobClient, job) -> jobClient.newCompleteCommand(job)
                .variables(Map.of("result", job.getVariablesAsMap().get("item"))).send().join())
            .name("bench-multi-instance").maxJobsActive(256).pollInterval(Duration.ofMillis(10))
            .requestTimeout(Duration.ofSeconds(10)).timeout(Duration.ofMinutes(5)).streamEnabled(false).open()) {
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("per-item").startEvent()
          .serviceTask("each", t -> t.zeebeJobType("per-item").multiInstance(m -> m.parallel()
              .zeebeInputCollectionExpression("items").zeebeInputElement("item")
              .zeebeOutputCollection("results").zeebeOutputElementExpression("result")))
          .endEvent().done(), "per-item.bpmn").send().join();
      List<Integer> collection = IntStream.range(0, items).boxed().toList();
      for (int round = 0; round <= rounds; round++) {
        heap.reset();
        long start = System.nanoTime();
        ProcessInstanceResult result = client.newCreateInstanceCommand().bpmnProcessId("per-item").latestVersion()
            .variables(Map.of("items", collection)).withResult().requestTimeout(Duration.ofMinutes(10)).send().join();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<?> results = (List<?>) result.getVariablesAsMap().get("results");
        if (!collection.equals(results)) {
          throw new IllegalStateException("Expected the output collection to hold every item in order, but it does not");
        }
        System.out.printf("%s %d: %d jobs in %.2f s = %.0f jobs/s; heap peak %d MB, max after GC %d MB (%s)%n",
            round == 0 ? "warm-up" : "RESULT round", round, items, seconds, items / seconds, heap.peakUsed() >> 20,
            heap.maxUsedAfterGc() >> 20, heap.gcSummary());
      }
    }
    System.exit(0);
  }
}
