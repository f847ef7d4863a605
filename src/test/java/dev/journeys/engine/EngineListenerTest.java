package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.journeys.engine.clock.EngineClock;
import dev.journeys.engine.processing.EngineListener;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * What the engine reports to its listener (which the Spring edge binds to Micrometer): journeys
 * started, completed and terminated, first job activations with their wait, every command answered,
 * and only what committed. A listener that throws never stops the engine. The writer's liveness is
 * what the engine's health reports.
 */
class EngineListenerTest {

  /** Records every report as a line. */
  static final class Recorder implements EngineListener {
    final Queue<String> events = new ConcurrentLinkedQueue<>();
    volatile boolean broken;

    @Override
    public void commandAnswered(long nanos, boolean rejected) {
      events.add(rejected ? "rejected" : "answered");
      if (broken) {
        throw new IllegalStateException("broken meter");
      }
    }

    @Override
    public void jobActivated(String type, long waitedMillis) {
      events.add("activated " + type + (waitedMillis >= 0 ? "" : " negative"));
    }

    @Override
    public void processInstanceStarted(String bpmnProcessId) {
      events.add("started " + bpmnProcessId);
    }

    @Override
    public void processInstanceCompleted(String bpmnProcessId) {
      events.add("completed " + bpmnProcessId);
    }

    @Override
    public void processInstanceTerminated(String bpmnProcessId) {
      events.add("terminated " + bpmnProcessId);
    }
  }

  @Test
  void reportsJourneysJobsAndCommandsAndTheWriterIsAliveUntilClosed() {
    Recorder recorder = new Recorder();
    EmbeddedEngine engine = EmbeddedEngine.start(new EngineSettings(
        EngineHarness.h2("jdbc:h2:mem:listener-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "127.0.0.1", 0,
        EngineClock.system(), 256, Duration.ofSeconds(10), 0), recorder);
    try (CamundaClient client = CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.port())).preferRestOverGrpc(false).build()) {
      assertThat(engine.writerAlive()).isTrue();
      client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess("listened").startEvent()
          .serviceTask("work", t -> t.zeebeJobType("listened-work")).endEvent().done(), "listened.bpmn").send().join();

      long first = client.newCreateInstanceCommand().bpmnProcessId("listened").latestVersion().send().join()
          .getProcessInstanceKey();
      long second = client.newCreateInstanceCommand().bpmnProcessId("listened").latestVersion().send().join()
          .getProcessInstanceKey();
      List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType("listened-work").maxJobsToActivate(1)
          .send().join().getJobs();
      client.newCompleteCommand(jobs.get(0)).send().join();
      long rest = jobs.get(0).getProcessInstanceKey() == first ? second : first;
      // A rejected command is reported too, and a listener that throws does not stop the engine.
      recorder.broken = true;
      assertThatThrownBy(() -> client.newCancelInstanceCommand(123L).send().join()).hasMessageContaining("no such process");
      recorder.broken = false;
      client.newCancelInstanceCommand(rest).send().join();

      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder.events)
          .containsOnlyOnce("completed listened", "terminated listened", "activated listened-work")
          .contains("answered", "rejected")
          .filteredOn(e -> e.startsWith("started")).hasSize(2));
      assertThat(engine.openIncidents()).isZero();
    } finally {
      engine.close();
    }
    assertThat(engine.writerAlive()).isFalse();
  }
}
