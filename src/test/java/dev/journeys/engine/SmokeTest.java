package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SmokeTest {

  private final EngineHarness engine = EngineHarness.inMemory();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void runsAServiceTaskThroughTheClient() {
    engine.deploy(Bpmn.createExecutableProcess("smoke").startEvent().serviceTask("work", t -> t.zeebeJobType("work"))
        .endEvent().done());
    var result = engine.client().newCreateInstanceCommand().bpmnProcessId("smoke").latestVersion()
        .variables(Map.of("a", 1)).withResult().requestTimeout(Duration.ofSeconds(20)).send();
    List<ActivatedJob> jobs = engine.client().newActivateJobsCommand().jobType("work").maxJobsToActivate(5)
        .requestTimeout(Duration.ofSeconds(5)).send().join().getJobs();
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getVariablesAsMap()).containsEntry("a", 1);
    engine.client().newCompleteCommand(jobs.get(0).getKey()).variables(Map.of("b", 2)).send().join();
    assertThat(result.join().getVariablesAsMap()).containsEntry("a", 1).containsEntry("b", 2);
  }
}
