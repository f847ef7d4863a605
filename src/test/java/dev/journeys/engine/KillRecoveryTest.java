package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An acknowledged command survives kill -9: the engine runs in a child JVM that is killed with
 * SIGKILL; a new engine on the same H2 file continues every acknowledged instance and job.
 */
class KillRecoveryTest {

  @TempDir
  Path dir;

  @Test
  void acknowledgedWorkSurvivesSigkill() throws Exception {
    String file = dir.resolve("engine").toString();
    Process child = startChild(file);
    List<Long> instances = new ArrayList<>();
    long completedJobInstance;
    try (CamundaClient client = client(readPort(child))) {
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("kill")
          .startEvent().serviceTask("first", t -> t.zeebeJobType("first"))
          .serviceTask("second", t -> t.zeebeJobType("second")).endEvent().done(), "kill.bpmn").send().join();
      for (int i = 0; i < 20; i++) {
        instances.add(client.newCreateInstanceCommand().bpmnProcessId("kill").latestVersion()
            .variables(Map.of("n", i)).send().join().getProcessInstanceKey());
      }
      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("first").maxJobsToActivate(2)
          .timeout(Duration.ofSeconds(2)).send().join().getJobs();
      assertThat(jobs).hasSize(2);
      client.newCompleteCommand(jobs.get(0).getKey()).variables(Map.of("done", true)).send().join();
      completedJobInstance = jobs.get(0).getProcessInstanceKey();
    } finally {
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
      child.waitFor(10, TimeUnit.SECONDS);
    }

    try (EngineHarness engine = EngineHarness.on(EngineHarness.h2("jdbc:h2:file:" + file + ";WRITE_DELAY=0"))) {
      List<ActivatedJob> second = engine.client().newActivateJobsCommand().jobType("second").maxJobsToActivate(10)
          .requestTimeout(Duration.ofSeconds(2)).send().join().getJobs();
      assertThat(second).singleElement().satisfies(job -> {
        assertThat(job.getProcessInstanceKey()).isEqualTo(completedJobInstance);
        assertThat(job.getVariablesAsMap()).containsEntry("done", true);
      });
      // 19 never activated plus the one activated but unfinished, which returns after its 2 s timeout
      List<Long> seen = new ArrayList<>();
      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
        engine.client().newActivateJobsCommand().jobType("first").maxJobsToActivate(50)
            .requestTimeout(Duration.ofMillis(500)).send().join().getJobs()
            .forEach(job -> seen.add(job.getProcessInstanceKey()));
        assertThat(seen).hasSize(19);
      });
      List<Long> expected = new ArrayList<>(instances);
      expected.remove(completedJobInstance);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static Process startChild(String file) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        EngineProcessMain.class.getName(), file).redirectErrorStream(true).start();
  }

  private static int readPort(Process child) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("READY ")) {
        int port = Integer.parseInt(line.substring(6).trim());
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
        drain.setDaemon(true);
        drain.start();
        return port;
      }
    }
    throw new IllegalStateException("Expected the engine process to report READY, but it exited");
  }

  private static CamundaClient client(int port) {
    return CamundaClient.newClientBuilder().grpcAddress(URI.create("http://127.0.0.1:" + port))
        .restAddress(URI.create("http://127.0.0.1:1")).preferRestOverGrpc(false).build();
  }
}
