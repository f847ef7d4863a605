package dev.journeys.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.journeys.engine.state.HistoryRetention;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ended journeys' history is removed once past its retention — the instance, its elements and its
 * incidents — and nothing of a journey still running, or of one that ended recently.
 */
class HistoryRetentionTest {

  private final EngineHarness engine = EngineHarness.withControlledClock();

  @AfterEach
  void stop() {
    engine.close();
  }

  @Test
  void onlyTheHistoryOfJourneysThatEndedBeforeTheCutoffGoes() {
    engine.deploy(Bpmn.createExecutableProcess("short").startEvent().endEvent().done());
    engine.deploy(Bpmn.createExecutableProcess("waiting").startEvent().serviceTask("work", t -> t.zeebeJobType("work"))
        .endEvent().done());
    long endedLongAgo = engine.createInstance("short").getProcessInstanceKey();
    long endedLongAgo2 = engine.createInstance("short").getProcessInstanceKey();
    long running = engine.createInstance("waiting").getProcessInstanceKey();
    awaitEnded(endedLongAgo, endedLongAgo2);
    long cutoff = engine.controlledClock().millis() + 1;

    engine.controlledClock().advance(Duration.ofDays(400));
    long endedRecently = engine.createInstance("short").getProcessInstanceKey();
    awaitEnded(endedRecently);

    HistoryRetention retention = new HistoryRetention(engine.dataSource());
    assertThat(retention.purgeEndedBefore(cutoff, 1)).isEqualTo(1);
    assertThat(retention.purgeEndedBefore(cutoff, 1)).isEqualTo(1);
    assertThat(retention.purgeEndedBefore(cutoff, 1)).isZero();

    JdbcClient jdbc = JdbcClient.create(engine.dataSource());
    assertThat(jdbc.sql("SELECT process_instance_key FROM engine_process_instance_history ORDER BY process_instance_key")
        .query(Long.class).list()).containsExactlyInAnyOrder(running, endedRecently);
    assertThat(jdbc.sql("SELECT DISTINCT process_instance_key FROM engine_element_instance_history")
        .query(Long.class).list()).doesNotContain(endedLongAgo, endedLongAgo2).contains(running, endedRecently);
    // The running journey goes on as before.
    engine.completeNext("work", java.util.Map.of());
    awaitEnded(running);
  }

  private void awaitEnded(long... keys) {
    JdbcClient jdbc = JdbcClient.create(engine.dataSource());
    org.awaitility.Awaitility.await().atMost(EngineHarness.WAIT).until(() -> {
      List<String> states = new java.util.ArrayList<>();
      for (long key : keys) {
        states.addAll(jdbc.sql("SELECT state FROM engine_process_instance_history WHERE process_instance_key = ?")
            .param(key).query(String.class).list());
      }
      return states.size() == keys.length && states.stream().allMatch("COMPLETED"::equals);
    });
  }
}
