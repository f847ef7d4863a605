package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventsSmokeTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void messageCatchAndTimerCatch() {
    engine.deploy(Bpmn.createExecutableProcess("wait").startEvent()
        .intermediateCatchEvent("shipped").message(m -> m.name("shipped").zeebeCorrelationKeyExpression("orderId"))
        .intermediateCatchEvent("day", e -> e.timerWithDuration("P1D"))
        .serviceTask("after", t -> t.zeebeJobType("after")).endEvent().done());
    engine.client().newCreateInstanceCommand().bpmnProcessId("wait").latestVersion()
        .variables(Map.of("orderId", "o-1")).send().join();
    engine.client().newPublishMessageCommand().messageName("shipped").correlationKey("o-1")
        .variables(Map.of("carrier", "DHL")).send().join();
    engine.controlledClock().advance(Duration.ofHours(23));
    assertThat(activate()).isEmpty();
    engine.controlledClock().advance(Duration.ofHours(2));
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      var jobs = activate();
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0).getVariablesAsMap()).containsEntry("carrier", "DHL");
    });
  }

  private java.util.List<io.camunda.client.api.response.ActivatedJob> activate() {
    return engine.client().newActivateJobsCommand().jobType("after").maxJobsToActivate(1)
        .requestTimeout(Duration.ofMillis(200)).send().join().getJobs();
  }
}
