package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the engine mid-journey and starting it again on the same H2 file database. */
class RestartTest {

  @TempDir
  Path directory;

  private EngineHarness engine;

  @BeforeEach
  void start() {
    engine = EngineHarness.on(EngineHarness.h2File(directory));
    engine.deploy(Bpmn.createExecutableProcess("journey").startEvent()
        .serviceTask("confirm", t -> t.zeebeJobType("confirm"))
        .parallelGateway("fork")
        .serviceTask("email", t -> t.zeebeJobType("email"))
        .parallelGateway("join")
        .serviceTask("feedback", t -> t.zeebeJobType("feedback"))
        .endEvent()
        .moveToNode("fork")
        .serviceTask("sms", t -> t.zeebeJobType("sms"))
        .connectTo("join")
        .done());
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  private void restart() {
    engine.stop();
    engine.start();
  }

  @Test
  void aJourneyStoppedMidwayCompletesAfterARestart() {
    long instance = engine.createInstance("journey", Map.of("orderId", "o-1")).getProcessInstanceKey();
    engine.completeNext("confirm", Map.of("confirmed", true));
    engine.completeNext("email", Map.of("emailSent", true));

    restart();

    assertThat(engine.isActive(instance)).isTrue();
    ActivatedJob sms = engine.activateOne("sms");
    assertThat(sms.getProcessInstanceKey()).isEqualTo(instance);
    assertThat(sms.getVariablesAsMap()).containsOnly(
        entry("orderId", "o-1"), entry("confirmed", true), entry("emailSent", true));
    engine.assertNoJob("feedback");
    engine.complete(sms, Map.of("smsSent", true));
    ActivatedJob feedback = engine.activateOne("feedback");
    assertThat(feedback.getVariablesAsMap()).containsEntry("smsSent", true);
    engine.complete(feedback);
    engine.awaitCompleted(instance);
  }

  @Test
  void deploymentsAndKeysSurviveARestart() {
    long before = engine.createInstance("journey").getProcessInstanceKey();

    restart();

    var after = engine.createInstance("journey");
    assertThat(after.getVersion()).isEqualTo(1);
    assertThat(after.getProcessInstanceKey()).isGreaterThan(before);
    String xml = Bpmn.convertToString(Bpmn.createExecutableProcess("journey").startEvent().endEvent().done());
    assertThat(engine.deployXml("journey.bpmn", xml).getProcesses().get(0).getVersion()).isEqualTo(2);
  }

  @Test
  void anActivatedButUnfinishedJobBecomesActivatableAfterItsTimeout() {
    long instance = engine.createInstance("journey").getProcessInstanceKey();
    ActivatedJob taken = engine.client().newActivateJobsCommand().jobType("confirm").maxJobsToActivate(1)
        .timeout(Duration.ofSeconds(2)).requestTimeout(EngineHarness.WAIT).send().join().getJobs().get(0);

    restart();

    ActivatedJob again = engine.activateOne("confirm");
    assertThat(System.currentTimeMillis()).as("re-activation time").isGreaterThanOrEqualTo(taken.getDeadline());
    assertThat(again.getKey()).isEqualTo(taken.getKey());
    assertThat(again.getProcessInstanceKey()).isEqualTo(instance);
    engine.complete(again);
    engine.activateOne("email");
  }

  @Test
  void aJobWhoseTimeoutPassedWhileTheEngineWasDownIsActivatableAtOnce() {
    engine.createInstance("journey");
    ActivatedJob taken = engine.client().newActivateJobsCommand().jobType("confirm").maxJobsToActivate(1)
        .timeout(Duration.ofMillis(300)).requestTimeout(EngineHarness.WAIT).send().join().getJobs().get(0);
    engine.stop();
    org.awaitility.Awaitility.await().until(() -> System.currentTimeMillis() > taken.getDeadline() + 100);

    engine.start();

    long start = System.nanoTime();
    assertThat(engine.activateOne("confirm").getKey()).isEqualTo(taken.getKey());
    assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the job was handed out").isLessThan(2_000L);
  }

  @Test
  void anIncidentSurvivesARestartAndCanBeResolvedAfterIt() {
    long instance = engine.createInstance("journey").getProcessInstanceKey();
    ActivatedJob job = engine.activateOne("confirm");
    engine.client().newFailCommand(job.getKey()).retries(0).errorMessage("template missing").send().join();
    EngineHarness.Incident incident = engine.awaitIncident(instance);

    restart();

    engine.assertNoJob("confirm");
    assertThat(engine.incidents(instance)).containsExactly(incident);
    engine.client().newUpdateRetriesCommand(job.getKey()).retries(1).send().join();
    engine.client().newResolveIncidentCommand(incident.key()).send().join();
    assertThat(engine.activateOne("confirm").getKey()).isEqualTo(job.getKey());
  }
}
